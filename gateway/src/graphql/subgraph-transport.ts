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

/** One HTTP request to a subgraph (header names in lower case), with what the gateway decided about the call. */
export interface SubgraphRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly call?: SubgraphCall;
}

/** Sends a subgraph request and reads its whole answer (over HTTP, or shared with an identical call). */
export type SubgraphTransport = (request: SubgraphRequest) => Promise<SubgraphAnswer>;
