import { SUBGRAPH_CREDENTIAL_HEADER } from '@agora/auth';
import { CORRELATION_HEADER } from '@agora/logging';
import { injectTraceHeaders } from '@agora/telemetry';
import { type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { Request } from 'express';
import { GraphQLError } from 'graphql';
import type { CircuitBreaker } from './circuit-breaker';
import { withDeadline, withinDeadline } from './deadline-fetcher';
import { dedupeInFlight } from './in-flight-dedup.fetcher';
import { SubgraphUnavailableError, type UnavailableReason } from './subgraph-unavailable.error';
import { subgraphHttpFetcher } from './subgraph-http.fetcher';

/** What the gateway keeps per request for its subgraph calls. */
export interface GatewayContext {
  readonly req: Request;
}

/** Headers passed from the client's request to every subgraph call it causes. */
export const FORWARDED_HEADERS = ['authorization', CORRELATION_HEADER] as const;

/**
 * Carries the client's address to subgraphs, for limits per address (accounts' signUp). A
 * subgraph believes it only from a trusted proxy (TRUST_PROXY), which the gateway must be.
 */
export const CLIENT_ADDRESS_HEADER = 'x-forwarded-for';

/** How one subgraph call ended: answered (with data, GraphQL errors or a 4xx refusal), or why not. */
export type SubgraphCallOutcome = 'answered' | UnavailableReason['kind'];

/** What protects the gateway from one subgraph: a deadline per call and the subgraph's circuit. */
export interface SubgraphCallGuard {
  readonly timeoutMs: number;
  readonly breaker: CircuitBreaker;
  /** Called once per call with its outcome, for metrics. */
  readonly record?: (outcome: SubgraphCallOutcome) => void;
  /** Wraps each call, for its duration and errors (metrics). */
  readonly measure?: (call: () => Promise<SubgraphResponse>) => Promise<SubgraphResponse>;
}

/** How the gateway calls every subgraph: its credential, and whether identical queries in flight share one call. */
export interface SubgraphCallOptions {
  readonly credential?: string;
  readonly deduplicate?: boolean;
}

type ProcessOptions = GraphQLDataSourceProcessOptions<GatewayContext>;
type SendRequestOptions = Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0];
type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']>>;

const FIRST_SERVER_ERROR_STATUS = 500;
const MUTATION = /^\s*mutation\b/;

/**
 * A call to one subgraph. The client's bearer token is forwarded as-is so that each subgraph
 * verifies it itself; the gateway never invents an identity header. A call that cannot reach the
 * subgraph, fails on its side (HTTP 5xx) or outlives its deadline turns into a
 * `SERVICE_UNAVAILABLE` error on the fields the subgraph serves, while the fields of healthy
 * subgraphs still come back. No call is ever retried (a mutation must not run twice), and while
 * the subgraph's circuit is open its calls fail at once instead of waiting for the deadline.
 * The gateway's own credential (`SUBGRAPH_SECRET`, when set) goes with every call: subgraphs
 * answer only the gateway.
 * Identical queries in flight at once share one call (`dedupeInFlight`; never mutations, never
 * across different authorization).
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly credential?: string;

  constructor(
    readonly subgraph: string,
    url: string,
    private readonly guard: SubgraphCallGuard,
    options: SubgraphCallOptions = {},
  ) {
    super({ url, fetcher: withDeadline(subgraphHttpFetcher()) });
    this.credential = options.credential;
    if (options.deduplicate) this.fetcher = dedupeInFlight(this.fetcher);
  }

  override willSendRequest({ request, context }: SendRequestOptions): void {
    if (!request.http) return;
    if (this.credential) request.http.headers.set(SUBGRAPH_CREDENTIAL_HEADER, this.credential);
    // Subgraph calls go through Node's fetch, which the HTTP instrumentation does not see.
    injectTraceHeaders(request.http.headers);
    const incoming = context?.req?.headers;
    if (!incoming) return;
    for (const name of FORWARDED_HEADERS) {
      const value = incoming[name];
      if (typeof value === 'string') request.http.headers.set(name, value);
    }
    // The client address as the gateway established it, replacing any the client claimed.
    if (context.req.ip) request.http.headers.set(CLIENT_ADDRESS_HEADER, context.req.ip);
  }

  override process(options: ProcessOptions): Promise<SubgraphResponse> {
    const { measure } = this.guard;
    return measure ? measure(() => this.guarded(options)) : this.guarded(options);
  }

  private async guarded(options: ProcessOptions): Promise<SubgraphResponse> {
    const { breaker, timeoutMs } = this.guard;
    const admission = breaker.admit();
    if (admission === 'refuse') {
      this.guard.record?.('circuit-open');
      throw new SubgraphUnavailableError(this.subgraph, { kind: 'circuit-open', ...breaker.policy });
    }
    const deadline = AbortSignal.timeout(timeoutMs);
    let outcome: SubgraphCallOutcome = 'answered';
    try {
      return await withinDeadline(deadline, () => super.process(options));
    } catch (error) {
      const reason = deadline.aborted
        ? ({ kind: 'timeout', timeoutMs, mutation: MUTATION.test(options.request.query ?? '') } as const)
        : failureOf(error);
      if (!reason) throw error;
      outcome = reason.kind;
      throw new SubgraphUnavailableError(this.subgraph, reason, error);
    } finally {
      breaker.settle(admission, outcome === 'answered' ? 'success' : 'failure');
      this.guard.record?.(outcome);
    }
  }
}

/**
 * Why a call that threw got no answer, or undefined when the subgraph did answer: a refusal it
 * sent itself (HTTP 4xx, such as 401 for a bad token) means it is up; a 5xx, a network error or
 * an unreadable body mean it is not.
 */
function failureOf(error: unknown): Exclude<UnavailableReason, { kind: 'timeout' | 'circuit-open' }> | undefined {
  const status = httpStatus(error);
  if (status === undefined) return { kind: 'unreachable' };
  return status >= FIRST_SERVER_ERROR_STATUS ? { kind: 'server-error', status } : undefined;
}

/** The HTTP status of an error Apollo's data source made from a non-2xx response. */
function httpStatus(error: unknown): number | undefined {
  if (!(error instanceof GraphQLError)) return undefined;
  const status = (error.extensions.response as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
}
