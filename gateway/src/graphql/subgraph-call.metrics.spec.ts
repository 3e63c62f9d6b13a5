import { MetricsRegistry } from '@agora/metrics';
import { SubgraphCallMetrics } from './subgraph-call.metrics';

async function sample(registry: MetricsRegistry, name: string, labels: Record<string, string>): Promise<number> {
  // A histogram's series (`_count`, `_bucket`) are values of its metric, named by `metricName`.
  const values = (await registry.registry.getMetricsAsJSON()).flatMap((metric) =>
    (metric.values as { metricName?: string; labels: Record<string, string | number>; value: number }[]).map((value) => ({
      ...value,
      metricName: value.metricName ?? metric.name,
    })),
  );
  return (
    values.find((value) => value.metricName === name && Object.entries(labels).every(([key, label]) => value.labels[key] === label))
      ?.value ?? 0
  );
}

describe('SubgraphCallMetrics', () => {
  it('counts a refusal (HTTP 4xx) as an answered call with errors in both counters, never as unavailable', async () => {
    const registry = new MetricsRegistry();
    const record = new SubgraphCallMetrics(registry).recorder('accounts');
    record({ outcome: 'answered', withErrors: true, seconds: 0.01 });
    expect(await sample(registry, 'agora_gateway_subgraph_calls_total', { subgraph: 'accounts', outcome: 'answered' })).toBe(1);
    expect(await sample(registry, 'agora_gateway_subgraph_fetch_errors_total', { subgraph: 'accounts', kind: 'graphql' })).toBe(1);
    expect(await sample(registry, 'agora_gateway_subgraph_fetch_errors_total', { subgraph: 'accounts', kind: 'unavailable' })).toBe(0);
  });

  it('counts every call that got no answer as unavailable, and times every call', async () => {
    const registry = new MetricsRegistry();
    const record = new SubgraphCallMetrics(registry).recorder('catalog');
    for (const outcome of ['timeout', 'unreachable', 'server-error', 'circuit-open', 'answered'] as const)
      record({ outcome, withErrors: false, seconds: 0.01 });
    expect(await sample(registry, 'agora_gateway_subgraph_fetch_errors_total', { subgraph: 'catalog', kind: 'unavailable' })).toBe(4);
    expect(await sample(registry, 'agora_gateway_subgraph_fetch_errors_total', { subgraph: 'catalog', kind: 'graphql' })).toBe(0);
    expect(await sample(registry, 'agora_gateway_subgraph_fetch_duration_seconds_count', { subgraph: 'catalog' })).toBe(5);
  });
});
