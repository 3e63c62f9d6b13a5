import type { PeerFailure } from './peers';
import type { EventsResult } from './scenarios/events.scenario';
import type { HttpRow, HttpSkip } from './scenarios/http.scenario';
import { SAGA_HOPS, type SagaResult } from './scenarios/saga.scenario';
import { type TelemetryMetric, type TelemetryResult, telemetryVerdict, unsetCostOf } from './scenarios/telemetry.scenario';

/** Everything one run measured, as written to bench/results/*.json. */
export interface BenchReport {
  readonly startedAt: string;
  readonly quick: boolean;
  readonly machine: {
    readonly cpus: number;
    readonly cpuModel: string;
    readonly memoryGb: number;
    readonly node: string;
    readonly loadAverageBefore: readonly number[];
    loadAverageAfter: readonly number[];
  };
  readonly http: HttpRow[];
  readonly skipped: HttpSkip[];
  readonly peerFailures: PeerFailure[];
  events?: EventsResult;
  saga?: SagaResult;
  telemetry?: TelemetryResult;
  footprint?: {
    readonly readyMs: number;
    readonly readyRssBytes: Readonly<Record<string, number>>;
    /**
     * Proportional set size at the same moment: an extra, not the verdict (the target names RSS).
     * Absent from reports written before it was measured.
     */
    readonly readyPssBytes?: Readonly<Record<string, number>>;
    readonly afterLoadRssBytes: Readonly<Record<string, number>>;
  };
  durationSeconds?: number;
}

const MB = 2 ** 20;
const fixed = (value: number, digits = 0) => value.toFixed(digits);
const sum = (values: Readonly<Record<string, number>>) => Object.values(values).reduce((total, value) => total + value, 0);

/** The process that spent the most CPU per request among the subgraphs. */
function busiestSubgraph(row: HttpRow): string {
  const [name, ms] = Object.entries(row.cpuMsPerRequest)
    .filter(([process]) => !['gateway', 'agora-no-dedup', 'hive-gateway', 'hive-router-runtime', 'apollo-sample'].includes(process))
    .sort(([, a], [, b]) => b - a)[0] ?? ['-', 0];
  return `${name} ${fixed(ms, 1)}`;
}

/** The gateway process of a row's target (Agora's is `gateway`; a direct subgraph has none). */
function gatewayCpu(row: HttpRow): string {
  const process = row.target === 'agora' ? 'gateway' : row.target;
  const ms = row.cpuMsPerRequest[process];
  return ms === undefined ? '-' : fixed(ms, 1);
}

function httpTable(rows: readonly HttpRow[]): string[] {
  const lines = [
    '| scenario | target | req/s | p50 ms | p99 ms | failures | gateway CPU ms/req | busiest subgraph CPU ms/req | ratio |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const row of rows) {
    const agora = rows.find((other) => other.scenario === row.scenario && other.mode === row.mode && other.target === 'agora');
    const direct = rows.find((other) => other.scenario === row.scenario && other.mode === row.mode && other.target.endsWith('-direct'));
    let ratio = '';
    if (row.scenario === 'single' && direct && row !== direct) ratio = `${fixed(row.rps / direct.rps, 2)}× direct`;
    else if (agora && row !== agora && !row.target.endsWith('-direct')) ratio = `Agora ${fixed(agora.rps / row.rps, 2)}×`;
    lines.push(
      `| ${row.scenario} ${row.mode} | ${row.target} | ${fixed(row.rps)} | ${fixed(row.p50Ms, 1)} | ${fixed(row.p99Ms, 1)} | ${row.failures} | ${gatewayCpu(row)} | ${busiestSubgraph(row)} | ${ratio} |`,
    );
  }
  return lines;
}

/** One target of the issue that asked for the bench, checked against this run. */
function target(label: string, value: number | undefined, goal: number, unit: string, higherIsBetter = true): string {
  if (value === undefined || Number.isNaN(value))
    return `- ${label}: not measured in this run (goal ${higherIsBetter ? '≥' : '≤'} ${goal}${unit})`;
  const met = higherIsBetter ? value >= goal : value <= goal;
  return `- ${met ? 'met' : 'MISSED'}: ${label} = ${fixed(value, unit === '×' ? 2 : 0)}${unit} (goal ${higherIsBetter ? '≥' : '≤'} ${goal}${unit})`;
}

function targets(report: BenchReport): string[] {
  const rps = (scenario: string, mode: string, name: string) =>
    report.http.find((row) => row.scenario === scenario && row.mode === mode && row.target === name)?.rps;
  const ratio = (scenario: string, mode: string, peer: string) => {
    const agora = rps(scenario, mode, 'agora');
    const other = rps(scenario, mode, peer);
    return agora !== undefined && other !== undefined ? agora / other : undefined;
  };
  const lines = ['Targets:'];
  for (const mode of ['identical', 'distinct']) {
    lines.push(
      target(`deep ${mode}, Agora ÷ Hive Gateway`, ratio('deep', mode, 'hive-gateway'), 1.5, '×'),
      target(`deep ${mode}, Agora ÷ Hive Gateway with router runtime`, ratio('deep', mode, 'hive-router-runtime'), 1, '×'),
      target(`deep ${mode}, Agora ÷ sample-configured @apollo/gateway`, ratio('deep', mode, 'apollo-sample'), 2, '×'),
    );
    const reviewsCpu = (name: string) =>
      report.http.find((row) => row.scenario === 'deep' && row.mode === mode && row.target === name)?.cpuMsPerRequest.reviews;
    const unshared = reviewsCpu('agora-no-dedup');
    const label = `deep ${mode}, reviews subgraph CPU per deep query${unshared === undefined ? '' : ` (${fixed(unshared, 1)} ms without in-flight sharing)`}`;
    lines.push(target(label, reviewsCpu('agora'), 10, ' ms', false));
  }
  lines.push(target('single distinct, gateway ÷ direct', ratio('single', 'distinct', 'catalog-direct'), 0.8, '×'));
  if (report.saga) {
    lines.push(
      target('saga p99 placed→confirmed at 50 orders/s', report.saga.steady.settleP99Ms, 100, ' ms', false),
      target('saga sustained rate with p99 ≤ 1 s', report.saga.sustainedRate ?? 0, 300, ' orders/s'),
    );
  }
  if (report.telemetry) lines.push(telemetryTarget(report.telemetry));
  if (report.events) lines.push(target('events one hop ÷ raw ceiling', report.events.oneHop.rate / report.events.raw.rate, 0.5, '×'));
  if (report.footprint) {
    lines.push(
      target('idle RSS of the whole system', sum(report.footprint.readyRssBytes) / MB, 800, ' MB', false),
      target('ready after spawning', report.footprint.readyMs / 1000, 15, ' s', false),
    );
  }
  return lines;
}

const METRIC_LABELS: Readonly<Record<TelemetryMetric, string>> = {
  rps: 'req/s',
  gatewayCpuMs: 'gateway CPU',
  catalogCpuMs: 'catalog CPU',
};
const percent = (ratio: number) => `${fixed(Math.abs(1 - ratio) * 100, 1)}%`;

/** Issue 11's "no measurable cost": no cost of the hook larger than the run's own noise. */
function telemetryTarget(result: TelemetryResult): string {
  const verdict = telemetryVerdict(result);
  const label =
    'tracing unset costs nothing measurable (less throughput or more CPU than without the hook, within the noise between two identical defaults)';
  if (!verdict) return `- ${label}: not measured in this run`;
  const worst = (Object.keys(METRIC_LABELS) as TelemetryMetric[]).map((metric) => {
    const cost = Math.max(0, ...verdict.ratios.filter((ratio) => ratio.metric === metric).map(unsetCostOf));
    return `${METRIC_LABELS[metric]} cost at most ${fixed(cost * 100, 1)}% (noise ${fixed(verdict.noiseBand[metric] * 100, 1)}%)`;
  });
  return `- ${verdict.withinNoise ? 'met' : 'MISSED'}: ${label}: ${worst.join('; ')}`;
}

function telemetryTables(result: TelemetryResult): string[] {
  const lines = [
    '| telemetry | variant | req/s | p50 ms | p99 ms | failures | gateway CPU ms/req | catalog CPU ms/req |',
    '|---|---|---|---|---|---|---|---|',
    ...result.rows.map(
      (row) =>
        `| ${row.query} distinct | ${row.variant} | ${fixed(row.rps)} | ${fixed(row.p50Ms, 1)} | ${fixed(row.p99Ms, 1)} | ${row.failures} | ${fixed(row.gatewayCpuMs, 2)} | ${fixed(row.catalogCpuMs, 2)} |`,
    ),
  ];
  const verdict = telemetryVerdict(result);
  if (verdict) {
    lines.push(
      '',
      '| telemetry ratios | metric | default ÷ no telemetry | default ÷ default again (noise) | tracing on ÷ default |',
      '|---|---|---|---|---|',
      ...verdict.ratios.map(
        (ratio) =>
          `| ${ratio.query} distinct | ${METRIC_LABELS[ratio.metric]} | ${fixed(ratio.unsetCost, 3)}× (${percent(ratio.unsetCost)}) | ${fixed(ratio.noise, 3)}× (${percent(ratio.noise)}) | ${fixed(ratio.tracingCost, 2)}× |`,
      ),
    );
  }
  lines.push('', `Tracing on exported ${result.sink.exports} OTLP requests (${fixed(result.sink.bytes / MB, 1)} MB) to the bench's sink.`);
  for (const skip of result.skipped) lines.push(`- not measured: ${skip.target} in ${skip.scenario}: ${skip.reason}`);
  return lines;
}

/** The run as Markdown, for the terminal and BENCHMARKS.md. */
export function printReport(report: BenchReport): string {
  const lines: string[] = [];
  const machine = report.machine;
  lines.push(
    `Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, Node ${machine.node}; load average before ${machine.loadAverageBefore.join(' / ')}, after ${machine.loadAverageAfter.join(' / ')}${report.quick ? ' (quick run)' : ''}.`,
    '',
  );
  if (report.http.length > 0) lines.push(...httpTable(report.http), '');
  for (const skip of report.skipped) lines.push(`- not measured: ${skip.target} in ${skip.scenario}: ${skip.reason}`);
  for (const failure of report.peerFailures) lines.push(`- peer failed: ${failure.name}: ${failure.reason.split('\n')[0]}`);
  if (report.telemetry) lines.push('', ...telemetryTables(report.telemetry));
  if (report.events) {
    const { oneHop, raw } = report.events;
    lines.push(
      '',
      '| events | messages | msg/s | msg/s each round | ratio | CPU ms/msg |',
      '|---|---|---|---|---|---|',
      `| one hop (outbox → relay → RabbitMQ → consumer → inbox) | ${oneHop.messages} | ${fixed(oneHop.rate)} | ${oneHop.rates.map((rate) => fixed(rate)).join(', ')} | ${fixed(oneHop.rate / raw.rate, 2)}× raw | ${Object.entries(
        oneHop.cpuMsPerMessage,
      )
        .map(([name, ms]) => `${name} ${fixed(ms, 2)}`)
        .join(', ')} |`,
      `| raw ceiling (amqplib confirms + one PG transaction per message) | ${raw.messages} | ${fixed(raw.rate)} | ${raw.rates.map((rate) => fixed(rate)).join(', ')} | 1× | ${Object.entries(
        raw.cpuMsPerMessage,
      )
        .map(([name, ms]) => `${name} ${fixed(ms, 2)}`)
        .join(', ')} |`,
    );
  }
  if (report.saga) {
    const saga = report.saga;
    lines.push(
      '',
      '| saga | orders/s asked | orders/s placed | placeOrder p50 / p99 ms | placed→settled p50 / p95 / p99 ms | unsettled |',
      '|---|---|---|---|---|---|',
      ...saga.runs.map(
        (run) =>
          `| ${run.label} | ${run.askedRate} | ${fixed(run.placedRate)} | ${fixed(run.placeP50Ms, 1)} / ${fixed(run.placeP99Ms, 1)} | ${fixed(run.settleP50Ms)} / ${fixed(run.settleP95Ms)} / ${fixed(run.settleP99Ms)} | ${run.unsettled} |`,
      ),
      '',
      `Saturation: highest rate tried that was placed in full with p99 placed→settled ≤ 1 s: ${saga.sustainedRate ?? 'none of those tried'} orders/s.`,
      ...saga.runs
        .filter((run) => Object.keys(run.failureReasons).length > 0)
        .map(
          (run) =>
            `\nplaceOrder failures of ${run.label}: ${Object.entries(run.failureReasons)
              .map(([reason, count]) => `${count} × \`${reason}\``)
              .join('; ')}`,
        ),
      '',
      'placed→settled by hop, p50 / p99 ms (from the orders and inventory databases; a hop after a mark can read below zero, as a consumer may start before the relay marks the row):',
      '',
      `| hop | ${saga.runs.map((run) => run.label).join(' | ')} |`,
      `|---|${saga.runs.map(() => '---|').join('')}`,
      ...SAGA_HOPS.map(
        (hop, index) =>
          `| ${hop} | ${saga.runs
            .map((run) => {
              const timing = run.hops[index];
              return timing ? `${fixed(timing.p50Ms)} / ${fixed(timing.p99Ms)}` : '-';
            })
            .join(' | ')} |`,
      ),
      '',
      'CPU ms per order, from the first order placed to the last settled:',
      '',
      ...saga.runs.map(
        (run) =>
          `- ${run.label}: ${fixed(
            Object.values(run.cpuMsPerOrder).reduce((sum, ms) => sum + ms, 0),
            1,
          )} in all (${Object.entries(run.cpuMsPerOrder)
            .map(([name, ms]) => `${name} ${fixed(ms, 1)}`)
            .join(', ')})`,
      ),
    );
  }
  if (report.footprint) {
    const footprint = report.footprint;
    const list = (values: Readonly<Record<string, number>>) =>
      Object.entries(values)
        .map(([name, bytes]) => `${name} ${fixed(bytes / MB)}`)
        .join(', ');
    lines.push(
      '',
      `Footprint: ready ${fixed(footprint.readyMs / 1000, 1)} s after spawning; idle RSS ${fixed(sum(footprint.readyRssBytes) / MB)} MB (${list(footprint.readyRssBytes)}); after the load ${fixed(sum(footprint.afterLoadRssBytes) / MB)} MB (${list(footprint.afterLoadRssBytes)}).`,
    );
    if (footprint.readyPssBytes)
      lines.push(
        '',
        `Idle PSS (extra, not the verdict: each shared page, the Node binary's among them, divided among the processes sharing it, so the sum is the physical memory used): ${fixed(sum(footprint.readyPssBytes) / MB)} MB (${list(footprint.readyPssBytes)}).`,
      );
  }
  lines.push('', ...targets(report));
  return lines.join('\n');
}
