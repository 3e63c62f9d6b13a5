import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { AsyncLocalStorage } from 'node:async_hooks';

type Fetcher = RemoteGraphQLDataSource['fetcher'];

/**
 * The abort signal of the subgraph call in progress. Apollo's data source builds the fetch
 * options itself, so the deadline reaches the fetcher through the call's async context.
 */
const deadlines = new AsyncLocalStorage<AbortSignal>();

/** Runs `call` so that every fetch it makes through a `withDeadline` fetcher is aborted by `signal`. */
export function withinDeadline<T>(signal: AbortSignal, call: () => Promise<T>): Promise<T> {
  return deadlines.run(signal, call);
}

/**
 * `fetcher`, aborted when the current call's deadline passes: connecting, waiting for the answer
 * and reading its body all count, and the connection is closed, not left waiting.
 */
export function withDeadline(fetcher: Fetcher): Fetcher {
  return (url, init) => fetcher(url, { ...init, signal: deadlines.getStore() });
}
