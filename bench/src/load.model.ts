/** One load run, as the bench asks the load generator for it. */
export interface LoadSpec {
  readonly url: string;
  readonly connections: number;
  readonly durationSeconds: number;
  /**
   * Requests to send in all, instead of running for `durationSeconds` (which then only bounds the
   * run): the run ends when every one was answered, so none is cut off in flight at the end.
   */
  readonly amount?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly query: string;
  /** Variables of every request; with `variants`, merged under each variant in turn. */
  readonly variables?: Readonly<Record<string, unknown>>;
  /** Variable sets used round-robin, one per request. */
  readonly variants?: readonly Readonly<Record<string, unknown>>[];
  /** A variable set to a fresh random UUID on every request, so no two requests are identical. */
  readonly freshUuidVariable?: string;
  /** Requests per second arriving as a Poisson process (an open rate); unset means as fast as answered. */
  readonly overallRate?: number;
}

/** What the load generator measured. */
export interface LoadResult {
  readonly requests: number;
  readonly seconds: number;
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Transport errors, timeouts, non-2xx answers and answers carrying GraphQL `errors`. */
  readonly failures: number;
  /** The first distinct failures (an answer's status and start, or a transport error), with their counts. */
  readonly failureReasons: Readonly<Record<string, number>>;
}
