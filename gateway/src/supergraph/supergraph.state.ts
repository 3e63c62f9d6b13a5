import { UnreachableCaseError } from '@agora/exhaustive';

/** Where the gateway stands with its supergraph; readiness is true only when `loaded`. */
export type SupergraphState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'loaded'; readonly hash: string; readonly loadedAt: Date }
  | { readonly kind: 'failed'; readonly reason: string };

/** The reason the gateway is not ready, or undefined when it is. */
export function notReadyReason(state: SupergraphState): string | undefined {
  switch (state.kind) {
    case 'loaded':
      return undefined;
    case 'loading':
      return 'the supergraph is still loading';
    case 'failed':
      return `the supergraph could not be loaded: ${state.reason}`;
    default:
      throw new UnreachableCaseError(state);
  }
}
