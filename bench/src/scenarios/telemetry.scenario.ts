import type { ServiceProcess } from '@agora/testing';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type BenchSystem, startVariantGateway } from '../bench-system';
import type { BenchSettings } from '../bench.settings';
import type { WatchedProcess } from '../process-stats';
import { DEEP_QUERY, SINGLE_QUERY } from '../queries';
import { type HttpSkip, runHttpCase } from './http.scenario';

/**
 * How each variant starts its gateway and its catalog replica. `default` and `default-again` are
 * the same thing twice: their difference is the noise of the run, the yardstick for the others.
 */
const VARIANTS = ['default', 'no-telemetry', 'default-again', 'tracing-on'] as const;
export type TelemetryVariant = (typeof VARIANTS)[number];

/** The queries measured, both with a fresh probe per request (nothing shared between requests). */
const QUERIES = [
  { name: 'single', query: SINGLE_QUERY },
  { name: 'deep', query: DEEP_QUERY },
] as const;

export interface TelemetryRow {
  readonly query: string;
  readonly variant: TelemetryVariant;
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly failures: number;
  /** CPU milliseconds per request of the variant's own gateway and catalog. */
  readonly gatewayCpuMs: number;
  readonly catalogCpuMs: number;
}

export interface TelemetryResult {
  readonly rows: TelemetryRow[];
  readonly skipped: HttpSkip[];
  /** What the tracing-on variant sent to the bench's OTLP sink, to show it really traced. */
  readonly sink: { readonly exports: number; readonly bytes: number };
}

/** The metrics the verdict compares, each as a ratio of one variant to another. */
export const TELEMETRY_METRICS = ['rps', 'gatewayCpuMs', 'catalogCpuMs'] as const;
export type TelemetryMetric = (typeof TELEMETRY_METRICS)[number];

export interface TelemetryVerdict {
  /** Per query and metric: default ÷ no-telemetry, default ÷ default-again, tracing-on ÷ default. */
  readonly ratios: readonly {
    readonly query: string;
    readonly metric: TelemetryMetric;
    readonly unsetCost: number;
    readonly noise: number;
    readonly tracingCost: number;
  }[];
  /** Per metric, the run's noise band: the largest |1 − default ÷ default-again| over the queries. */
  readonly noiseBand: Readonly<Record<TelemetryMetric, number>>;
  /** True when no metric shows a cost of the hook (see `unsetCostOf`) larger than its noise band. */
  readonly withinNoise: boolean;
}

/**
 * What loading the hook cost on one metric, as a share: throughput lost, or CPU added, against the
 * variant without it. Negative when the variant with the hook did better: that is noise, not a cost.
 */
export function unsetCostOf(ratio: { readonly metric: TelemetryMetric; readonly unsetCost: number }): number {
  return ratio.metric === 'rps' ? 1 - ratio.unsetCost : ratio.unsetCost - 1;
}

/**
 * Judges "tracing unset costs nothing measurable": loading the telemetry hook without an endpoint
 * must cost no metric more (less throughput, more CPU) than two identical variants drift apart in
 * the same run. One-sided: a variant with the hook that did better is not a cost of the hook.
 */
export function telemetryVerdict(result: TelemetryResult): TelemetryVerdict | undefined {
  const ratios: TelemetryVerdict['ratios'][number][] = [];
  for (const { name } of QUERIES) {
    const row = (variant: TelemetryVariant) => result.rows.find((candidate) => candidate.query === name && candidate.variant === variant);
    const [base, bare, again, traced] = [row('default'), row('no-telemetry'), row('default-again'), row('tracing-on')];
    if (!base || !bare || !again) return undefined;
    for (const metric of TELEMETRY_METRICS) {
      ratios.push({
        query: name,
        metric,
        unsetCost: base[metric] / bare[metric],
        noise: base[metric] / again[metric],
        tracingCost: traced ? traced[metric] / base[metric] : Number.NaN,
      });
    }
  }
  const noiseBand = Object.fromEntries(
    TELEMETRY_METRICS.map((metric) => [
      metric,
      Math.max(...ratios.filter((ratio) => ratio.metric === metric).map((ratio) => Math.abs(1 - ratio.noise))),
    ]),
  ) as Record<TelemetryMetric, number>;
  const withinNoise = ratios.every((ratio) => unsetCostOf(ratio) <= noiseBand[ratio.metric]);
  return { ratios, noiseBand, withinNoise };
}

/**
 * An OTLP/HTTP endpoint that reads each export and answers 200 with an empty (valid) response,
 * so the tracing-on variant pays for recording, batching, encoding and sending its spans, and
 * nothing downstream slows it.
 */
async function startOtlpSink(): Promise<{ endpoint: string; counts: { exports: number; bytes: number }; close(): Promise<void> }> {
  const counts = { exports: 0, bytes: 0 };
  const server = createServer((request, response) => {
    request.on('data', (chunk: Buffer) => (counts.bytes += chunk.length));
    request.on('end', () => {
      counts.exports += 1;
      response.writeHead(200, { 'content-type': String(request.headers['content-type'] ?? 'application/x-protobuf') }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    counts,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The Agora gateway and catalog as deployed with OTEL_* unset, against the same two processes
 * started without the telemetry `--import`, against the same with tracing on (every request
 * sampled, exported to the sink over OTLP/HTTP in the SDK's default encoding, protobuf), in one
 * run, alternated. Each variant is a gateway and a catalog replica of its own over the bench's
 * database; the other subgraphs are shared, so the deep query's reviews, inventory and accounts
 * work is the same for all.
 */
export async function runTelemetryScenario(
  agora: BenchSystem,
  settings: BenchSettings,
  log: (line: string) => void,
): Promise<TelemetryResult> {
  const sink = await startOtlpSink();
  const tracing = { OTEL_EXPORTER_OTLP_ENDPOINT: sink.endpoint, OTEL_TRACES_SAMPLER: 'always_on' };
  const started: ServiceProcess[] = [];
  try {
    // Started together, as the bench's system is; a variant that fails stops the run (its catalog
    // replica is stopped with the system, and a gateway that never got ready stops itself).
    const starts = await Promise.allSettled(
      VARIANTS.map(async (name) => {
        const telemetry = name !== 'no-telemetry';
        const env = name === 'tracing-on' ? tracing : {};
        const catalog = await agora.system.startReplica('catalog', { env, telemetry });
        started.push(catalog);
        const gateway = await startVariantGateway(agora, env, { telemetry, subgraphs: { catalog } });
        started.push(gateway);
        return { name, gateway, catalog };
      }),
    );
    const variants = starts.map((start) => {
      if (start.status === 'rejected') throw start.reason;
      return start.value;
    });
    log(`telemetry variants ready: ${variants.map((variant) => variant.name).join(', ')}`);
    const processes: WatchedProcess[] = variants.flatMap((variant) => [
      { name: `gateway:${variant.name}`, pid: variant.gateway.pid! },
      { name: `catalog:${variant.name}`, pid: variant.catalog.pid! },
    ]);
    const targets = variants.map((variant) => ({ name: variant.name, url: variant.gateway.graphqlUrl }));
    const rows: TelemetryRow[] = [];
    const skipped: HttpSkip[] = [];
    for (const { name, query } of QUERIES) {
      log(`telemetry/${name}`);
      const result = await runHttpCase({ scenario: `telemetry ${name}`, mode: 'distinct', query, targets }, settings, processes, log);
      skipped.push(...result.skipped);
      for (const row of result.rows) {
        rows.push({
          query: name,
          variant: row.target as TelemetryVariant,
          rps: row.rps,
          p50Ms: row.p50Ms,
          p99Ms: row.p99Ms,
          failures: row.failures,
          gatewayCpuMs: row.cpuMsPerRequest[`gateway:${row.target}`] ?? Number.NaN,
          catalogCpuMs: row.cpuMsPerRequest[`catalog:${row.target}`] ?? Number.NaN,
        });
      }
    }
    return { rows, skipped, sink: { ...sink.counts } };
  } finally {
    await Promise.all(started.map((service) => service.stop()));
    await sink.close();
  }
}
