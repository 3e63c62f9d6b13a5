import { CORRELATION_HEADER } from '@agora/logging';
import type { SubgraphAnswer, SubgraphRequest, SubgraphTransport } from './subgraph-transport';

/**
 * Headers that only trace a call and never change its answer: two calls that differ only in them
 * may share one fetch. Every other header (the caller's `authorization` first of all, and any
 * header added later) is part of the key, so different callers' answers never mix.
 */
export const TRACE_ONLY_HEADERS: ReadonlySet<string> = new Set([CORRELATION_HEADER, 'traceparent', 'tracestate']);

/**
 * The in-flight key of a request, or undefined when it must not be shared: anything but a POST of
 * a call the gateway marked shareable (a query; never a mutation). The key holds the URL (hence
 * the subgraph), the whole body (query, variables, operation name) and every header that is not
 * trace-only.
 */
export function inFlightKey({ url, method, headers, body, call }: SubgraphRequest): string | undefined {
  if (!call?.shareable || method.toUpperCase() !== 'POST') return undefined;
  const kept = Object.entries(headers)
    .filter(([name]) => !TRACE_ONLY_HEADERS.has(name.toLowerCase()))
    .map(([name, value]) => `${name.toLowerCase()}:${value}`)
    .sort();
  // Lines, not JSON: neither a URL nor a header (HTTP forbids CR and LF in both) holds a line
  // break, so the key is unambiguous without escaping the body, which can be tens of kilobytes.
  return `${url}\n${kept.join('\n')}\n\n${body}`;
}

/** One fetch shared by the callers waiting for it; it is aborted only once none of them waits. */
interface SharedFetch {
  readonly answer: Promise<SubgraphAnswer>;
  readonly controller: AbortController;
  waiting: number;
}

/**
 * Wraps a subgraph transport so that identical subgraph queries in flight at the same moment (many
 * clients asking the same thing, or one plan fetching the same entities twice) cost one HTTP call:
 * later callers wait for the first one's answer instead of sending their own. Nothing is cached:
 * once the answer arrived, the next identical call fetches again. Mutations are never shared, and
 * calls with different authorization (or any other non-trace header) never share. A shared call
 * carries the first caller's correlation id only. Each caller keeps its own deadline: when its
 * `signal` aborts it stops waiting (with its own abort reason), and the shared fetch goes on for
 * the others; it is aborted only when every caller has stopped waiting.
 */
export function dedupeInFlight(transport: SubgraphTransport): SubgraphTransport {
  const inFlight = new Map<string, SharedFetch>();
  return async (request) => {
    const key = inFlightKey(request);
    const call = request.call;
    if (key === undefined || !call) return transport(request);
    const signal = call.signal;
    signal.throwIfAborted();
    let shared = inFlight.get(key);
    if (!shared) {
      const controller = new AbortController();
      const answer = transport({ ...request, call: { ...call, signal: controller.signal } });
      const started: SharedFetch = { answer, controller, waiting: 0 };
      const forget = () => {
        if (inFlight.get(key) === started) inFlight.delete(key);
      };
      answer.then(forget, forget);
      inFlight.set(key, started);
      shared = started;
    }
    const joined = shared;
    joined.waiting += 1;
    return new Promise<SubgraphAnswer>((resolve, reject) => {
      const onAbort = () => {
        reject(signal.reason);
        joined.waiting -= 1;
        if (joined.waiting === 0) {
          // Nobody waits any more: a later identical call must not join a fetch about to be aborted.
          if (inFlight.get(key) === joined) inFlight.delete(key);
          joined.controller.abort(signal.reason);
        }
      };
      signal.addEventListener('abort', onAbort, { once: true });
      joined.answer.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  };
}
