import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { CORRELATION_HEADER } from '@agora/logging';
import { Kind, parse } from 'graphql';

/** How the gateway calls a subgraph over HTTP (Apollo's `fetcher` option of a data source). */
export type SubgraphFetcher = RemoteGraphQLDataSource['fetcher'];
type FetchInit = NonNullable<Parameters<SubgraphFetcher>[1]>;
type FetchResponse = Awaited<ReturnType<SubgraphFetcher>>;

/**
 * Headers that only trace a call and never change its answer: two calls that differ only in them
 * may share one fetch. Every other header (the caller's `authorization` first of all, and any
 * header added later) is part of the key, so different callers' answers never mix.
 */
export const TRACE_ONLY_HEADERS: ReadonlySet<string> = new Set([CORRELATION_HEADER, 'traceparent', 'tracestate']);

/** Subgraph documents remembered as "only queries" or not; the query planner makes few distinct ones. */
const MAX_REMEMBERED_DOCUMENTS = 1_000;

/** A finished fetch, kept as text so that every caller gets a fresh Response of its own. */
export interface SharedAnswer {
  readonly url: string;
  readonly status: number;
  readonly statusText: string;
  readonly headers: [string, string][];
  readonly body: string;
}

/**
 * The in-flight key of a call, or undefined when the call must not be shared: anything but a
 * POST of a GraphQL document made only of queries (a mutation is never shared, nor a document
 * that cannot be read). The key holds the URL (hence the subgraph), the whole body (query,
 * variables, operation name, extensions) and every header that is not trace-only.
 */
export function inFlightKey(url: string, init: FetchInit | undefined, isQueryOnly: (query: string) => boolean): string | undefined {
  if (!init || (init.method ?? 'GET').toUpperCase() !== 'POST' || typeof init.body !== 'string') return undefined;
  const query = leadingQuery(init.body);
  if (query === undefined || !isQueryOnly(query)) return undefined;
  const headers = Object.entries(init.headers ?? {})
    .map(([name, value]) => [name.toLowerCase(), value] as const)
    .filter(([name]) => !TRACE_ONLY_HEADERS.has(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([url, headers, init.body]);
}

const QUERY_PREFIX = '{"query":"';

/**
 * The `query` of a JSON request body, read without parsing the rest (variables may be large).
 * Apollo's data source writes `query` first; any other body is parsed in full.
 */
export function leadingQuery(body: string): string | undefined {
  if (body.startsWith(QUERY_PREFIX)) {
    for (let end = QUERY_PREFIX.length; end < body.length; end += 1) {
      const char = body[end];
      if (char === '\\') end += 1;
      else if (char === '"') return JSON.parse(body.slice(QUERY_PREFIX.length - 1, end + 1)) as string;
    }
    return undefined;
  }
  try {
    const query = (JSON.parse(body) as { query?: unknown }).query;
    return typeof query === 'string' ? query : undefined;
  } catch {
    return undefined;
  }
}

/** Whether every operation of `query` is a query (memoised per document text). */
export function queryOnlyDocuments(): (query: string) => boolean {
  const known = new Map<string, boolean>();
  return (query) => {
    let answer = known.get(query);
    if (answer === undefined) {
      try {
        answer = parse(query).definitions.every(
          (definition) => definition.kind !== Kind.OPERATION_DEFINITION || definition.operation === 'query',
        );
      } catch {
        answer = false;
      }
      if (known.size >= MAX_REMEMBERED_DOCUMENTS) known.clear();
      known.set(query, answer);
    }
    return answer;
  };
}

/**
 * A caller's own response over a shared answer: the text is kept as a string, so reading it
 * costs one JSON.parse and no stream (a WHATWG Response would re-encode and decode it).
 */
export function toResponse(answer: SharedAnswer): FetchResponse {
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

/**
 * Wraps a subgraph fetcher so that identical subgraph queries in flight at the same moment (many
 * clients asking the same thing, or one plan fetching the same entities twice) cost one HTTP call:
 * later callers wait for the first one's answer instead of sending their own. Nothing is cached:
 * once the answer arrived, the next identical call fetches again. Mutations are never shared, and
 * calls with different authorization (or any other non-trace header) never share. A shared call
 * carries the first caller's correlation id only. A caller whose own `signal` aborts stops waiting.
 */
export function dedupeInFlight(fetcher: SubgraphFetcher, isQueryOnly = queryOnlyDocuments()): SubgraphFetcher {
  const inFlight = new Map<string, Promise<SharedAnswer>>();
  return async (url, init) => {
    const key = inFlightKey(url, init, isQueryOnly);
    if (key === undefined) return fetcher(url, init);
    let shared = inFlight.get(key);
    if (!shared) {
      shared = (async (): Promise<SharedAnswer> => {
        const response = await fetcher(url, init);
        return {
          url: response.url,
          status: response.status,
          statusText: response.statusText,
          headers: [...response.headers],
          body: await response.text(),
        };
      })();
      inFlight.set(key, shared);
      const forget = () => inFlight.delete(key);
      shared.then(forget, forget);
    }
    const signal = init?.signal as AbortSignal | undefined;
    if (!signal) return toResponse(await shared);
    signal.throwIfAborted();
    return toResponse(
      await new Promise<SharedAnswer>((resolve, reject) => {
        const onAbort = () => reject(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
        shared.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
      }),
    );
  };
}
