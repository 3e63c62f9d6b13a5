import { SUBGRAPH_CREDENTIAL_HEADER } from '@agora/auth';
import { CORRELATION_HEADER } from '@agora/logging';
import { injectTraceHeaders } from '@agora/telemetry';
import { type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { Request } from 'express';
import { type DocumentNode, GraphQLError, Kind, type OperationTypeNode, parse } from 'graphql';
import type { CircuitBreaker } from './circuit-breaker';
import { dedupeInFlight } from './in-flight-dedup.transport';
import { fetcherOver, withinCall } from './subgraph-call.context';
import { subgraphHttpTransport } from './subgraph-http.transport';
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
type SendRequestOptions = Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0];
type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']>>;

const FIRST_SERVER_ERROR_STATUS = 500;

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
    const http = subgraphHttpTransport();
    super({ url, fetcher: fetcherOver(options.deduplicate ? dedupeInFlight(http) : http) });
    this.credential = options.credential;
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

  override async process(options: ProcessOptions): Promise<SubgraphResponse> {
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
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        const response = await withinCall({ signal, shareable: operation === 'query' }, () => super.process(options));
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
        breaker.settle(admission, outcome === 'answered' ? 'success' : 'failure');
      }
    } finally {
      record?.({ outcome, withErrors, seconds: (performance.now() - started) / 1000 });
    }
  }
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
