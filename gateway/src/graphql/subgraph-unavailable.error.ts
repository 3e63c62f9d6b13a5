import { ErrorCode } from '@agora/graphql';
import { GraphQLError } from 'graphql';
import { UnreachableCaseError } from '@agora/exhaustive';

/** Why the gateway has no answer from a subgraph. */
export type UnavailableReason =
  | { readonly kind: 'unreachable' }
  | { readonly kind: 'server-error'; readonly status: number }
  | { readonly kind: 'timeout'; readonly timeoutMs: number; readonly mutation: boolean }
  | { readonly kind: 'circuit-open'; readonly failureThreshold: number; readonly cooldownMs: number };

/**
 * A subgraph gave no answer: the fields it serves come back null with this error, which names the
 * service (`extensions.service`) and why (`extensions.reason`), while the other fields survive.
 */
export class SubgraphUnavailableError extends GraphQLError {
  constructor(
    readonly subgraph: string,
    readonly reason: UnavailableReason,
    cause?: unknown,
  ) {
    super(messageFor(subgraph, reason), {
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, service: subgraph, reason: reason.kind },
      originalError: cause instanceof Error ? cause : undefined,
    });
    this.name = 'SubgraphUnavailableError';
  }
}

function messageFor(subgraph: string, reason: UnavailableReason): string {
  const missing = `so the fields it serves are missing`;
  switch (reason.kind) {
    case 'unreachable':
      return `The ${subgraph} service is unavailable, ${missing}. Retry shortly.`;
    case 'server-error':
      return `The ${subgraph} service failed (HTTP ${reason.status}), ${missing}. Retry shortly.`;
    case 'timeout':
      // A mutation that timed out may still have been applied: it is never sent twice.
      return reason.mutation
        ? `The ${subgraph} service did not answer within ${reason.timeoutMs} ms. The mutation was not retried and may have been applied: check before sending it again.`
        : `The ${subgraph} service did not answer within ${reason.timeoutMs} ms, ${missing}. Retry shortly.`;
    case 'circuit-open':
      return (
        `The ${subgraph} service is unavailable (its last ${reason.failureThreshold} calls failed), ${missing}; ` +
        `the gateway tries it again within ${Math.ceil(reason.cooldownMs / 1000)} s.`
      );
    default:
      throw new UnreachableCaseError(reason);
  }
}
