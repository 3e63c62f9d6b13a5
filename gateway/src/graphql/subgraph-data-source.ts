import { SUBGRAPH_CREDENTIAL_HEADER } from '@agora/auth';
import { CORRELATION_HEADER } from '@agora/logging';
import { injectTraceHeaders } from '@agora/telemetry';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Request } from 'express';
import { type DocumentNode, GraphQLError, Kind, type OperationTypeNode, parse } from 'graphql';
import type { CircuitBreaker } from './circuit-breaker';
import { dedupeInFlight } from './in-flight-dedup.transport';
import { subgraphHttpTransport } from './subgraph-http.transport';
import type { SubgraphAnswer, SubgraphCall, SubgraphTransport } from './subgraph-transport';
import { SubgraphUnavailableError, type UnavailableReason } from './subgraph-unavailable.error';

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

/** How one subgraph call ended, as its metrics record it. */
export interface SubgraphCallRecord {
  readonly outcome: SubgraphCallOutcome;
  /** Whether an answered call carried GraphQL errors or was a refusal (HTTP 4xx). */
  readonly withErrors: boolean;
  readonly seconds: number;
}

/** What protects the gateway from one subgraph: a deadline per call and the subgraph's circuit. */
export interface SubgraphCallGuard {
  readonly timeoutMs: number;
  readonly breaker: CircuitBreaker;
  /** Called once per call, however it ended, for every metric of subgraph calls. */
  readonly record?: (call: SubgraphCallRecord) => void;
}

/** How the gateway calls every subgraph: its credential, and whether identical queries in flight share one call. */
export interface SubgraphCallOptions {
  readonly credential?: string;
  readonly deduplicate?: boolean;
}

type ProcessOptions = GraphQLDataSourceProcessOptions<GatewayContext>;
type SubgraphResponse = Awaited<ReturnType<GraphQLDataSource<GatewayContext>['process']>>;

const FIRST_SERVER_ERROR_STATUS = 500;
const JSON_CONTENT = /^application\/(graphql-response\+)?json/;

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
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  private readonly send: SubgraphTransport;
  private readonly credential?: string;

  constructor(
    readonly subgraph: string,
    readonly url: string,
    private readonly guard: SubgraphCallGuard,
    options: SubgraphCallOptions = {},
  ) {
    const http = subgraphHttpTransport();
    this.send = options.deduplicate ? dedupeInFlight(http) : http;
    this.credential = options.credential;
  }

  async process(options: ProcessOptions): Promise<SubgraphResponse> {
    const { breaker, timeoutMs, record } = this.guard;
    const started = performance.now();
    let outcome: SubgraphCallOutcome = 'answered';
    let withErrors = false;
    try {
      const admission = breaker.admit();
      if (admission === 'refuse') {
        outcome = 'circuit-open';
        throw new SubgraphUnavailableError(this.subgraph, { kind: 'circuit-open', ...breaker.policy });
      }
      const operation = operationOf(options);
      const { signal, clear } = deadline(timeoutMs);
      try {
        const response = await this.call(options, { signal, shareable: operation === 'query' });
        withErrors = (response.errors?.length ?? 0) > 0;
        return response;
      } catch (error) {
        const reason = signal.aborted ? ({ kind: 'timeout', timeoutMs, mutation: operation !== 'query' } as const) : failureOf(error);
        if (!reason) {
          withErrors = true; // a refusal the subgraph sent itself
          throw error;
        }
        outcome = reason.kind;
        throw new SubgraphUnavailableError(this.subgraph, reason, error);
      } finally {
        clear();
        breaker.settle(admission, outcome === 'answered' ? 'success' : 'failure');
      }
    } finally {
      record?.({ outcome, withErrors, seconds: (performance.now() - started) / 1000 });
    }
  }

  /**
   * One POST of the operation, as Apollo's RemoteGraphQLDataSource sends it (same body, same
   * errors for a non-2xx answer or a body that is not JSON), without its fetch layers: the answer
   * is read as text and parsed once.
   */
  private async call(options: ProcessOptions, call: SubgraphCall): Promise<SubgraphResponse> {
    const { request } = options;
    if (!request.query) throw new Error('Missing query');
    const { query, variables, operationName, extensions } = request;
    const answer = await this.send({
      url: this.url,
      method: 'POST',
      headers: this.headersFor(options),
      body: JSON.stringify({ query, variables, operationName, extensions }),
      call,
    });
    const body = bodyOf(answer);
    if (answer.status < 200 || answer.status >= 300) throw refusal(answer, body);
    if (typeof body !== 'object' || body === null) throw new Error(`Expected JSON response body, but received: ${String(body)}`);
    restrictCachePolicy(options, answer);
    return body as SubgraphResponse;
  }

  private headersFor({ request, context }: ProcessOptions): Record<string, string> {
    const headers: Record<string, string> = {};
    for (const [name, value] of request.http?.headers ?? []) headers[name.toLowerCase()] = value;
    headers['content-type'] = 'application/json';
    if (this.credential) headers[SUBGRAPH_CREDENTIAL_HEADER] = this.credential;
    // Subgraph calls go over node:http directly, which the HTTP instrumentation does not see.
    injectTraceHeaders({ set: (name, value) => (headers[name.toLowerCase()] = value) });
    const incoming = (context as Partial<GatewayContext> | undefined)?.req;
    if (!incoming) return headers;
    for (const name of FORWARDED_HEADERS) {
      const value = incoming.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    // The client address as the gateway established it, replacing any the client claimed.
    if (incoming.ip) headers[CLIENT_ADDRESS_HEADER] = incoming.ip;
    return headers;
  }
}

/**
 * A signal that aborts with a `TimeoutError` after `ms`, as `AbortSignal.timeout` does, and a way
 * to stop its timer once the call has ended. `AbortSignal.timeout` keeps its timer (and a weak
 * reference to the signal) until it fires, however early the call ended: at a thousand calls a
 * second and a deadline of seconds, thousands of them at once, and about twice the CPU per call.
 */
function deadline(ms: number): { readonly signal: AbortSignal; readonly clear: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), ms);
  timer.unref(); // as AbortSignal.timeout's: a pending call's deadline alone does not keep the process alive
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

/** The answer's body: parsed when it is JSON, else its text. */
function bodyOf(answer: SubgraphAnswer): unknown {
  const contentType = answer.headers.find(([name]) => name === 'content-type')?.[1];
  return contentType && JSON_CONTENT.test(contentType) ? (JSON.parse(answer.body) as unknown) : answer.body;
}

/** The error for a non-2xx answer, as Apollo's data source makes it (its status under `extensions.response`). */
function refusal(answer: SubgraphAnswer, body: unknown): GraphQLError {
  const code = answer.status === 401 ? 'UNAUTHENTICATED' : answer.status === 403 ? 'FORBIDDEN' : undefined;
  return new GraphQLError(`${answer.status}: ${answer.statusText}`, {
    extensions: {
      response: { url: answer.url, status: answer.status, statusText: answer.statusText, body },
      ...(code ? { code } : {}),
    },
  });
}

/**
 * Narrows the client request's cache policy by the subgraph's `Cache-Control`, as Apollo's data
 * source does: an answer without one makes the whole response uncacheable.
 */
function restrictCachePolicy(options: ProcessOptions, answer: SubgraphAnswer): void {
  const policy = 'incomingRequestContext' in options ? options.incomingRequestContext.overallCachePolicy : undefined;
  if (!policy || !('restrict' in policy)) return;
  const header = answer.headers.find(([name]) => name === 'cache-control')?.[1]?.trim();
  const hint: { maxAge: number; scope?: 'PUBLIC' | 'PRIVATE' } = { maxAge: 0 };
  for (const directive of header ? header.split(/\s*,\s*/) : []) {
    const [name, value] = directive.split(/\s*=\s*/, 2);
    const maxAge = value?.replace(/^"|"$/g, '');
    if (name === 'max-age' && maxAge !== undefined && /^[0-9]+$/.test(maxAge)) hint.maxAge = Number(maxAge);
    else if (name === 'private' && value === undefined) hint.scope = 'PRIVATE';
    else if (name === 'public' && value === undefined) hint.scope = 'PUBLIC';
  }
  policy.restrict(hint);
}

/**
 * The kind of the operation sent, decided once per call: from the document Apollo's plan holds for
 * the fetch (`exposeDocumentNodeInFetchNode`), else (a call outside a client request) by parsing
 * the query. A document that cannot
 * be read counts as a mutation, the careful side: never shared, and said to be maybe applied.
 */
function operationOf(options: ProcessOptions): OperationTypeNode | 'unknown' {
  let document: DocumentNode | undefined = 'document' in options ? options.document : undefined;
  if (!document) {
    try {
      document = parse(options.request.query ?? '');
    } catch {
      return 'unknown';
    }
  }
  let kind: OperationTypeNode | undefined;
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    if (kind !== undefined && kind !== definition.operation) return 'unknown';
    kind = definition.operation;
  }
  return kind ?? 'unknown';
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
