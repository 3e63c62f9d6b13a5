import type { MetricsRegistry } from '@agora/metrics';
import { Logger } from '@nestjs/common';
import { Gauge } from 'prom-client';
import type { GatewayConfig, SubgraphCallConfig } from '../gateway.config';
import { CircuitBreaker, type CircuitState } from './circuit-breaker';
import { SubgraphCallMetrics } from './subgraph-call.metrics';
import { type SubgraphCallGuard, SubgraphDataSource } from './subgraph-data-source';

const CIRCUIT_STATES: readonly CircuitState['kind'][] = ['closed', 'open', 'half-open'];

/**
 * Apollo Gateway's `buildService`: each subgraph's data source, at its configured URL, behind
 * its guard. The guards are made once, here, and shared by the data sources of every reload.
 */
export function subgraphDataSources(
  config: GatewayConfig,
  metrics: MetricsRegistry,
): (subgraph: { name: string; url?: string }) => SubgraphDataSource {
  const guards = new SubgraphGuards(config.subgraphCalls, metrics);
  return ({ name, url }) =>
    new SubgraphDataSource(name, config.subgraphUrls[name] ?? url ?? '', guards.for(name), {
      credential: config.edge.subgraphSecret,
      deduplicate: config.subgraphDeduplication,
    });
}

/**
 * The call guard of each subgraph: its deadline and its circuit breaker, with their metrics.
 * Apollo builds new data sources whenever the supergraph reloads; the guards outlive them, so a
 * reload does not close an open circuit.
 */
export class SubgraphGuards {
  private readonly logger = new Logger('SubgraphCalls');
  private readonly guards = new Map<string, SubgraphCallGuard>();
  private readonly calls: SubgraphCallMetrics;
  private readonly circuits: Gauge<'subgraph' | 'state'>;

  constructor(
    private readonly config: SubgraphCallConfig,
    metrics: MetricsRegistry,
  ) {
    this.calls = new SubgraphCallMetrics(metrics);
    this.circuits = new Gauge({
      name: 'agora_gateway_subgraph_circuit_state',
      help: "1 for the current state of each subgraph's circuit breaker (closed, open, half-open), 0 for the others.",
      labelNames: ['subgraph', 'state'],
      registers: [metrics.registry],
    });
  }

  for(subgraph: string): SubgraphCallGuard {
    let guard = this.guards.get(subgraph);
    if (!guard) {
      guard = {
        timeoutMs: this.config.timeoutMs[subgraph] ?? this.config.defaultTimeoutMs,
        breaker: new CircuitBreaker(this.config.circuit, (state) => this.changed(subgraph, state)),
        record: this.calls.recorder(subgraph),
      };
      this.guards.set(subgraph, guard);
      this.showState(subgraph, guard.breaker.state);
    }
    return guard;
  }

  private changed(subgraph: string, state: CircuitState): void {
    this.showState(subgraph, state);
    const { failureThreshold, cooldownMs } = this.config.circuit;
    if (state.kind === 'open')
      this.logger.warn(
        `circuit of ${subgraph} open: its calls failed (${failureThreshold} in a row, or the probe); failing fast for ${cooldownMs} ms`,
      );
    else if (state.kind === 'half-open') this.logger.log(`circuit of ${subgraph} half-open: one call probes whether it is back`);
    else this.logger.log(`circuit of ${subgraph} closed: it answers again`);
  }

  private showState(subgraph: string, current: CircuitState): void {
    for (const state of CIRCUIT_STATES) this.circuits.set({ subgraph, state }, state === current.kind ? 1 : 0);
  }
}
