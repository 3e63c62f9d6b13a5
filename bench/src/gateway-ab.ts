import path from 'node:path';
import { startBenchSystem, startVariantGateway } from './bench-system';
import { readSettings } from './bench.settings';
import { loadAverage } from './process-stats';
import { DEEP_QUERY, SINGLE_QUERY } from './queries';
import { type HttpCase, type HttpRow, runHttpCase } from './scenarios/http.scenario';

/**
 * `node dist/bench/src/gateway-ab.js --builds=before=<checkout>,after=<checkout>[,…] [--rounds=3]
 * [--only=single,deep] [--modes=distinct,identical] [--profile=<folder>]`: an A/B (or A/B/C) of
 * builds of the gateway over one seeded system. Each build is the gateway in a checkout's `dist/`
 * (its own `node_modules` beside it; a snapshot, so a rebuild during the run changes nothing); the
 * builds are alternated in every case, as the bench alternates its targets, so the noise of a
 * shared machine hits each alike. `--profile` writes a V8 CPU profile of each gateway.
 */
function log(line: string): void {
  console.log(`ab ${new Date().toISOString().slice(11, 19)} ${line}`);
}

function option(argv: readonly string[], name: string): string | undefined {
  return argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const builds = (option(argv, 'builds') ?? '')
    .split(',')
    .filter(Boolean)
    .map((build) => {
      const [name, root, ...rest] = build.split('=');
      if (!name || !root || rest.length > 0) throw new Error(`--builds: "${build}" is not <name>=<checkout>`);
      return { name, root };
    });
  if (builds.length < 2) throw new Error('--builds=<name>=<checkout whose dist/ holds the build>,… names two builds or more');
  const rounds = Number(option(argv, 'rounds') ?? 3);
  const profile = option(argv, 'profile');
  const settings = { ...readSettings(argv), rounds };
  const agora = await startBenchSystem(log);
  const nodeArguments = (name: string) => (profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profile, name)}`] : []);
  const gateways = [];
  for (const { name, root } of builds)
    gateways.push({
      name,
      gateway: await startVariantGateway(agora, {}, { root: path.resolve(root), nodeArguments: nodeArguments(name) }),
    });
  const rows: HttpRow[] = [];
  try {
    const processes = [
      ...agora.processes.filter((process) => process.name !== 'gateway'),
      ...gateways.map(({ name, gateway }) => ({ name, pid: gateway.pid! })),
    ];
    const targets = gateways.map(({ name, gateway }) => ({ name, url: gateway.graphqlUrl }));
    const direct = { name: 'catalog-direct', url: agora.system.subgraph('catalog').graphqlUrl, headers: agora.system.gatewayCredential };
    const cases: HttpCase[] = [];
    const modes = (option(argv, 'modes') ?? 'distinct,identical').split(',');
    for (const mode of ['distinct', 'identical'] as const) {
      if (!modes.includes(mode)) continue;
      if (settings.scenarios.has('single')) cases.push({ scenario: 'single', mode, query: SINGLE_QUERY, targets: [...targets, direct] });
      if (settings.scenarios.has('deep')) cases.push({ scenario: 'deep', mode, query: DEEP_QUERY, targets });
    }
    for (const testCase of cases) {
      log(`${testCase.scenario}/${testCase.mode}`);
      const result = await runHttpCase(testCase, settings, processes, log);
      if (result.skipped.length > 0) throw new Error(`answers differ: ${JSON.stringify(result.skipped)}`);
      rows.push(...result.rows);
    }
  } finally {
    await Promise.all(gateways.map(({ gateway }) => gateway.stop()));
    await agora.system.stop();
  }
  log(`load average after: ${loadAverage().join(' / ')}`);
  for (const row of rows) {
    const gatewayCpu = row.cpuMsPerRequest[row.target];
    log(
      `${row.scenario}/${row.mode} ${row.target}: ${row.rps.toFixed(0)} req/s, p50 ${row.p50Ms.toFixed(1)} ms, p99 ${row.p99Ms.toFixed(1)} ms, ` +
        `failures ${row.failures}, gateway CPU ${gatewayCpu === undefined ? '-' : gatewayCpu.toFixed(2)} ms/req, catalog ${(row.cpuMsPerRequest.catalog ?? 0).toFixed(2)} ms/req`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
