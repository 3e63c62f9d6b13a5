import type { PeerFailure } from './peers';
import type { EventsResult } from './scenarios/events.scenario';
import type { HttpRow, HttpSkip } from './scenarios/http.scenario';
import type { SagaResult } from './scenarios/saga.scenario';

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
  footprint?: {
    readonly readyMs: number;
    readonly readyRssBytes: Readonly<Record<string, number>>;
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
  if (report.events) {
    const { oneHop, raw } = report.events;
    lines.push(
      '',
      '| events | messages | msg/s | ratio | CPU ms/msg |',
      '|---|---|---|---|---|',
      `| one hop (outbox → relay → RabbitMQ → consumer → inbox) | ${oneHop.messages} | ${fixed(oneHop.rate)} | ${fixed(oneHop.rate / raw.rate, 2)}× raw | ${Object.entries(
        oneHop.cpuMsPerMessage,
      )
        .map(([name, ms]) => `${name} ${fixed(ms, 2)}`)
        .join(', ')} |`,
      `| raw ceiling (amqplib confirms + one PG transaction per message) | ${raw.messages} | ${fixed(raw.rate)} | 1× | ${Object.entries(
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
  }
  return lines.join('\n');
}
