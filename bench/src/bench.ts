import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBenchSystem, startVariantGateway } from './bench-system';
import { readSettings } from './bench.settings';
import { type BenchReport, printReport } from './report';
import { installPeers, type PeerFailure, type RunningPeer, startPeers } from './peers';
import { loadAverage, rssBytes } from './process-stats';
import type { ServiceProcess } from '@agora/testing';
import { DEEP_QUERY, SINGLE_QUERY } from './queries';
import { runEventsScenario } from './scenarios/events.scenario';
import { type HttpRow, type HttpSkip, runHttpCase } from './scenarios/http.scenario';
import { runSagaScenario } from './scenarios/saga.scenario';
import { runTelemetryScenario } from './scenarios/telemetry.scenario';

/**
 * `npm run bench [-- --quick] [-- --only=deep,single,telemetry,events,saga,footprint]`: Agora side by side
 * with the gateways a user would pick instead, on this machine, in one run. Prints a table and
 * writes bench/results/latest.json. Never part of `npm test`.
 */
const RESULTS_DIR = path.resolve(import.meta.dirname, '../../../bench/results');

function log(line: string): void {
  console.log(`bench ${new Date().toISOString().slice(11, 19)} ${line}`);
}

/**
 * Services inherit the bench's environment: OTEL_* from the shell would trace what should run as
 * deployed without them (the telemetry scenario sets them on its tracing variant only).
 */
function unsetTelemetryVariables(): void {
  const names = Object.keys(process.env).filter((name) => name.startsWith('OTEL_'));
  for (const name of names) delete process.env[name];
  if (names.length > 0) log(`ignoring ${names.join(', ')}: the bench runs services with OTEL_* unset`);
}

async function main(): Promise<void> {
  const settings = readSettings(process.argv.slice(2));
  unsetTelemetryVariables();
  const started = Date.now();
  const loadBefore = loadAverage();
  const wantsPeers = settings.scenarios.has('deep') || settings.scenarios.has('single');
  let peerFailures: PeerFailure[] = [];
  if (wantsPeers) {
    try {
      installPeers(log);
    } catch (error) {
      peerFailures = [{ name: 'install', reason: (error as Error).message }];
    }
  }
  const agora = await startBenchSystem(log);
  let peers: RunningPeer[] = [];
  const variants: { name: string; gateway: ServiceProcess }[] = [];
  const report: BenchReport = {
    startedAt: new Date(started).toISOString(),
    quick: settings.quick,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      loadAverageBefore: loadBefore,
      loadAverageAfter: [0, 0, 0],
    },
    http: [] as HttpRow[],
    skipped: [] as HttpSkip[],
    peerFailures,
  };
  try {
    if (wantsPeers && peerFailures.length === 0) {
      const subgraphs = [...agora.system.subgraphs.entries()].map(([name, service]) => ({ name, url: service.graphqlUrl }));
      const started = await startPeers(subgraphs, agora.system.subgraphSecret, log);
      peers = started.peers;
      report.peerFailures.push(...started.failures);
    }
    if (wantsPeers)
      variants.push({ name: 'agora-no-dedup', gateway: await startVariantGateway(agora, { SUBGRAPH_DEDUPLICATION: 'false' }) });
    const processes = [
      ...agora.processes,
      ...variants.map((variant) => ({ name: variant.name, pid: variant.gateway.pid! })),
      ...peers.map((peer) => ({ name: peer.name, pid: peer.pid })),
    ];
    const gateways = [
      { name: 'agora', url: agora.gatewayUrl },
      ...variants.map((variant) => ({ name: variant.name, url: variant.gateway.graphqlUrl })),
      ...peers.map((peer) => ({ name: peer.name, url: peer.url })),
    ];
    for (const mode of ['identical', 'distinct'] as const) {
      if (settings.scenarios.has('deep')) {
        log(`deep/${mode}`);
        const result = await runHttpCase({ scenario: 'deep', mode, query: DEEP_QUERY, targets: gateways }, settings, processes, log);
        report.http.push(...result.rows);
        report.skipped.push(...result.skipped);
      }
      if (settings.scenarios.has('single')) {
        log(`single/${mode}`);
        const targets = [
          ...gateways,
          {
            name: 'catalog-direct',
            url: agora.system.subgraph('catalog').graphqlUrl,
            headers: agora.system.gatewayCredential,
          },
        ];
        const result = await runHttpCase({ scenario: 'single', mode, query: SINGLE_QUERY, targets }, settings, processes, log);
        report.http.push(...result.rows);
        report.skipped.push(...result.skipped);
      }
    }
    await Promise.all([...peers.map((peer) => peer.stop()), ...variants.splice(0).map((variant) => variant.gateway.stop())]);
    peers = [];
    if (settings.scenarios.has('telemetry')) report.telemetry = await runTelemetryScenario(agora, settings, log);
    if (settings.scenarios.has('events')) report.events = await runEventsScenario(agora, settings, log);
    if (settings.scenarios.has('saga')) report.saga = await runSagaScenario(agora, settings, log);
    if (settings.scenarios.has('footprint')) {
      report.footprint = {
        readyMs: agora.readyMs,
        readyRssBytes: agora.readyRss,
        readyPssBytes: agora.readyPss,
        afterLoadRssBytes: Object.fromEntries(agora.processes.map((process) => [process.name, rssBytes(process.pid)])),
      };
    }
  } finally {
    await Promise.all([...peers.map((peer) => peer.stop()), ...variants.map((variant) => variant.gateway.stop())]);
    await agora.system.stop();
  }
  report.machine.loadAverageAfter = loadAverage();
  report.durationSeconds = Math.round((Date.now() - started) / 1000);
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, settings.quick ? 'quick.json' : 'latest.json');
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(printReport(report));
  log(`done in ${report.durationSeconds} s; results in ${path.relative(process.cwd(), file)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
