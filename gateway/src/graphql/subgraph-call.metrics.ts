import type { MetricsRegistry } from '@agora/metrics';
import { Counter, Histogram } from 'prom-client';
import type { SubgraphCallRecord } from './subgraph-data-source';

/** Subgraph call durations in seconds: most answer within tens of milliseconds. */
const CALL_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Every metric of the gateway's subgraph calls, recorded from one record per call so that they
 * agree: calls by outcome, their duration, and errors (`unavailable` for every call that was not
 * answered, `graphql` for answers carrying GraphQL errors or a refusal). Labels are bounded by the
 * supergraph's subgraphs.
 */
export class SubgraphCallMetrics {
  private readonly calls: Counter<'subgraph' | 'outcome'>;
  private readonly duration: Histogram<'subgraph'>;
  private readonly errors: Counter<'subgraph' | 'kind'>;

  constructor(metrics: MetricsRegistry) {
    this.calls = new Counter({
      name: 'agora_gateway_subgraph_calls_total',
      help: 'Calls from the gateway to each subgraph, by outcome (answered, timeout, unreachable, server-error, circuit-open).',
      labelNames: ['subgraph', 'outcome'],
      registers: [metrics.registry],
    });
    this.duration = new Histogram({
      name: 'agora_gateway_subgraph_fetch_duration_seconds',
      help: 'Duration of each call the gateway makes to a subgraph, by subgraph.',
      labelNames: ['subgraph'],
      buckets: CALL_BUCKETS,
      registers: [metrics.registry],
    });
    this.errors = new Counter({
      name: 'agora_gateway_subgraph_fetch_errors_total',
      help: 'Subgraph calls that got no answer (unavailable: every outcome but answered) or were answered with GraphQL errors or a refusal (graphql), by subgraph.',
      labelNames: ['subgraph', 'kind'],
      registers: [metrics.registry],
    });
  }

  /** The recorder of one subgraph's calls; its label sets are resolved once, not per call. */
  recorder(subgraph: string): (call: SubgraphCallRecord) => void {
    const duration = this.duration.labels({ subgraph });
    const unavailable = this.errors.labels({ subgraph, kind: 'unavailable' });
    const graphql = this.errors.labels({ subgraph, kind: 'graphql' });
    return ({ outcome, withErrors, seconds }) => {
      this.calls.inc({ subgraph, outcome });
      duration.observe(seconds);
      if (outcome !== 'answered') unavailable.inc();
      else if (withErrors) graphql.inc();
    };
  }
}
