import type { MetricsRegistry } from '@agora/metrics';
import { Counter, Histogram } from 'prom-client';

/** Subgraph fetch durations in seconds: most answer within tens of milliseconds. */
const FETCH_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Why a fetch counts as an error: the subgraph did not answer, or answered with GraphQL errors. */
export type FetchErrorKind = 'unavailable' | 'graphql';

/** Per-subgraph fetch duration and errors at the gateway; labels are bounded by the supergraph's subgraphs. */
export class SubgraphFetchMetrics {
  private readonly duration: Histogram<'subgraph'>;
  private readonly errors: Counter<'subgraph' | 'kind'>;

  constructor(metrics: MetricsRegistry) {
    this.duration = new Histogram({
      name: 'agora_gateway_subgraph_fetch_duration_seconds',
      help: 'Duration of each fetch the gateway makes to a subgraph, by subgraph.',
      labelNames: ['subgraph'],
      buckets: FETCH_BUCKETS,
      registers: [metrics.registry],
    });
    this.errors = new Counter({
      name: 'agora_gateway_subgraph_fetch_errors_total',
      help: 'Subgraph fetches that failed (unavailable) or returned GraphQL errors (graphql), by subgraph.',
      labelNames: ['subgraph', 'kind'],
      registers: [metrics.registry],
    });
  }

  /** Times `fetch`, and counts it as an error when it throws or its response carries errors. */
  async measure<T extends { readonly errors?: readonly unknown[] }>(subgraph: string, fetch: () => Promise<T>): Promise<T> {
    const end = this.duration.startTimer({ subgraph });
    try {
      const response = await fetch();
      if (response.errors?.length) this.errors.inc({ subgraph, kind: 'graphql' });
      return response;
    } catch (error) {
      this.errors.inc({ subgraph, kind: 'unavailable' });
      throw error;
    } finally {
      end();
    }
  }
}
