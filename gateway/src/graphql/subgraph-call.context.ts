import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { AsyncLocalStorage } from 'node:async_hooks';

/** How Apollo's data source calls a subgraph over HTTP (its `fetcher` option). */
export type SubgraphFetcher = RemoteGraphQLDataSource['fetcher'];
type FetchInit = NonNullable<Parameters<SubgraphFetcher>[1]>;
type FetchResponse = Awaited<ReturnType<SubgraphFetcher>>;

/** What the gateway decided about one subgraph call before sending it. */
export interface SubgraphCall {
  /** Aborted when this caller's deadline passes. */
  readonly signal: AbortSignal;
  /** Whether the call may share one fetch with identical calls in flight: queries only, never a mutation. */
  readonly shareable: boolean;
}

/** A subgraph's whole answer, read as text. */
export interface SubgraphAnswer {
  readonly url: string;
  readonly status: number;
  readonly statusText: string;
  readonly headers: [string, string][];
  readonly body: string;
}

/** The request Apollo's data source built, sent with what the gateway decided about the call. */
export interface SubgraphRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly call?: SubgraphCall;
}

/** Sends a subgraph request and reads its whole answer (over HTTP, or shared with an identical call). */
export type SubgraphTransport = (request: SubgraphRequest) => Promise<SubgraphAnswer>;

/**
 * The call in progress. Apollo's data source builds the fetch itself, so what the gateway decided
 * about the call (its deadline, whether it may be shared) reaches the transport through the
 * call's async context.
 */
const calls = new AsyncLocalStorage<SubgraphCall>();

/** Runs `work` so that every fetch it makes through `fetcherOver` is sent as `call`. */
export function withinCall<T>(call: SubgraphCall, work: () => Promise<T>): Promise<T> {
  return calls.run(call, work);
}

/**
 * Apollo's `fetcher` over a transport: the only place an answer becomes a response, which Apollo
 * reads once (a light object over the text, not a WHATWG Response with its streams).
 */
export function fetcherOver(transport: SubgraphTransport): SubgraphFetcher {
  return async (url: string, init?: FetchInit) => {
    const call = calls.getStore();
    return toResponse(
      await transport({
        url,
        method: init?.method ?? 'GET',
        headers: (init?.headers ?? {}) as Record<string, string>,
        body: typeof init?.body === 'string' ? init.body : '',
        ...(call ? { call } : {}),
      }),
    );
  };
}

/** A response over an answer's text: reading it costs one JSON.parse and no stream. */
export function toResponse(answer: SubgraphAnswer): FetchResponse {
  let bodyUsed = false;
  const read = async () => {
    bodyUsed = true;
    return answer.body;
  };
  const response = {
    ok: answer.status >= 200 && answer.status < 300,
    status: answer.status,
    statusText: answer.statusText,
    url: answer.url,
    redirected: false,
    headers: new Headers(answer.headers),
    get bodyUsed() {
      return bodyUsed;
    },
    text: read,
    json: async () => JSON.parse(await read()) as unknown,
    arrayBuffer: async () => new TextEncoder().encode(await read()).buffer,
    clone: () => toResponse(answer),
  };
  return response as unknown as FetchResponse;
}
