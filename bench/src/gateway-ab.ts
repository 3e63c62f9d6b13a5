import path from 'node:path';
import { startBenchSystem, startVariantGateway } from './bench-system';
import { readSettings } from './bench.settings';
import { loadAverage } from './process-stats';
import { DEEP_QUERY, SINGLE_QUERY } from './queries';
import { type HttpCase, type HttpRow, runHttpCase } from './scenarios/http.scenario';
import type { ServiceProcess } from '@agora/testing';

/**
 * `node dist/bench/src/gateway-ab.js --builds=before=<checkout>,after=<checkout>[,…] [--rounds=3]
 * [--only=single,deep] [--modes=distinct,identical] [--profile=<folder>]`: an A/B (or A/B/C) of
 * builds of the gateway over one seeded system. Each build is the gateway in a checkout's `dist/`
 * (its own `node_modules` beside it; a snapshot, so a rebuild during the run changes nothing); the
 * builds are alternated in every case, as the bench alternates its targets, so the noise of a
 * shared machine hits each alike. `--profile` writes a V8 CPU profile of each gateway.
 *
 * `--variants=default,small=--max-semi-space-size=2[,…]` instead of `--builds`: this checkout's
 * build, each variant started with its own Node arguments (space-separated after the `=`).
 * `--replicas=catalog,reviews` gives every build or variant its own processes of those subgraphs
 * (this checkout's build, started with the variant's Node arguments), so their CPU per request is
 * measured per variant too; the other subgraphs are shared.
 */
function log(line: string): void {
  console.log(`ab ${new Date().toISOString().slice(11, 19)} ${line}`);
}

function option(argv: readonly string[], name: string): string | undefined {
  return argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const builds = option(argv, 'variants') === undefined ? readBuilds(argv) : readVariants(argv);
  if (builds.length < 2) throw new Error('--builds=<name>=<checkout>,… or --variants=<name>[=<node arguments>],… names two or more');
  const replicated = (option(argv, 'replicas') ?? '').split(',').filter(Boolean);
  const rounds = Number(option(argv, 'rounds') ?? 3);
  const profile = option(argv, 'profile');
  const settings = { ...readSettings(argv), rounds };
  const agora = await startBenchSystem(log);
  const profiled = (name: string) => (profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profile, name)}`] : []);
  const gateways: { name: string; gateway: ServiceProcess; replicas: Record<string, ServiceProcess> }[] = [];
  const rows: HttpRow[] = [];
  try {
    for (const { name, root, nodeArguments } of builds) {
      // A replica that fails to start is stopped with the system; a gateway that fails stops itself.
      const replicas: Record<string, ServiceProcess> = {};
      for (const subgraph of replicated)
        replicas[subgraph] = await agora.system.startReplica(subgraph, {
          nodeArguments: [...nodeArguments, ...profiled(`${name}-${subgraph}`)],
        });
      const gateway = await startVariantGateway(
        agora,
        {},
        {
          root: path.resolve(root),
          nodeArguments: [...nodeArguments, ...profiled(name)],
          subgraphs: replicas,
        },
      );
      gateways.push({ name, gateway, replicas });
    }
    const processes = [
      ...agora.processes.filter((process) => process.name !== 'gateway' && !replicated.includes(process.name)),
      ...gateways.flatMap(({ name, gateway, replicas }) => [
        { name, pid: gateway.pid! },
        ...Object.entries(replicas).map(([subgraph, replica]) => ({ name: `${name}:${subgraph}`, pid: replica.pid! })),
      ]),
    ];
    const targets = gateways.map(({ name, gateway }) => ({ name, url: gateway.graphqlUrl }));
    // With catalog replicated, each variant's own catalog process is not asked directly: the
    // shared one is, and it is not among the watched processes.
    const direct = { name: 'catalog-direct', url: agora.system.subgraph('catalog').graphqlUrl, headers: agora.system.gatewayCredential };
    const cases: HttpCase[] = [];
    const modes = (option(argv, 'modes') ?? 'distinct,identical').split(',');
    for (const mode of ['distinct', 'identical'] as const) {
      if (!modes.includes(mode)) continue;
      if (settings.scenarios.has('single'))
        cases.push({
          scenario: 'single',
          mode,
          query: SINGLE_QUERY,
          targets: replicated.includes('catalog') ? targets : [...targets, direct],
        });
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
    const own = (subgraph: string) => row.cpuMsPerRequest[`${row.target}:${subgraph}`] ?? row.cpuMsPerRequest[subgraph] ?? 0;
    log(
      `${row.scenario}/${row.mode} ${row.target}: ${row.rps.toFixed(0)} req/s, p50 ${row.p50Ms.toFixed(1)} ms, p99 ${row.p99Ms.toFixed(1)} ms, ` +
        `failures ${row.failures}, gateway CPU ${gatewayCpu === undefined ? '-' : gatewayCpu.toFixed(2)} ms/req, ` +
        ['catalog', ...replicated.filter((subgraph) => subgraph !== 'catalog')]
          .map((subgraph) => `${subgraph} ${own(subgraph).toFixed(2)} ms/req`)
          .join(', '),
    );
  }
}

/** `--builds=<name>=<checkout>,…`: other checkouts' builds, each started with no extra Node arguments. */
function readBuilds(argv: readonly string[]): { name: string; root: string; nodeArguments: string[] }[] {
  return (option(argv, 'builds') ?? '')
    .split(',')
    .filter(Boolean)
    .map((build) => {
      const [name, root, ...rest] = build.split('=');
      if (!name || !root || rest.length > 0) throw new Error(`--builds: "${build}" is not <name>=<checkout>`);
      return { name, root, nodeArguments: [] };
    });
}

/** `--variants=<name>[=<node arguments>],…`: this checkout's build, each with its own Node arguments. */
function readVariants(argv: readonly string[]): { name: string; root: string; nodeArguments: string[] }[] {
  return (option(argv, 'variants') ?? '')
    .split(',')
    .filter(Boolean)
    .map((variant) => {
      const separator = variant.indexOf('=');
      const name = separator < 0 ? variant : variant.slice(0, separator);
      const nodeArguments =
        separator < 0
          ? []
          : variant
              .slice(separator + 1)
              .split(' ')
              .filter(Boolean);
      return { name, root: process.cwd(), nodeArguments };
    });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
