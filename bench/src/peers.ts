import { SUBGRAPH_CREDENTIAL_HEADER } from '@agora/auth';
import { freePort, waitFor } from '@agora/testing';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BENCH_NODE_ENV } from './bench-system';

/** Where the peers are installed on demand, apart from the project's own dependencies. */
const ROOT = path.resolve(import.meta.dirname, '../../..');
export const PEERS_DIR = path.join(ROOT, 'bench/.peers');
const MANIFEST = path.join(ROOT, 'bench/peers/package.json');
const INSTALL_TIMEOUT_MS = 600_000;
const PEER_READY_TIMEOUT_MS = 90_000;
const KEPT_OUTPUT_CHARS = 4000;
/** One process like every Agora service (in production Hive would fork one worker per core). */
const HIVE_OPTIONS = ['--host', '127.0.0.1', '--fork', '1'];

/** Hive Gateway's configuration file (read from its working folder): the credential on every subgraph call. */
const HIVE_CONFIG = `export const gatewayConfig = {
  propagateHeaders: {
    fromClientToSubgraphs: () => ({ [process.env.CREDENTIAL_HEADER]: process.env.CREDENTIAL }),
  },
};
`;

/** A gateway Agora is measured against, running on a port of its own. */
export interface RunningPeer {
  readonly name: string;
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/** A peer that could not be installed or started, and why. */
export interface PeerFailure {
  readonly name: string;
  readonly reason: string;
}

export interface SubgraphAddress {
  readonly name: string;
  readonly url: string;
}

/** Installs the peers into bench/.peers (`npm install --prefix`) unless its manifest is already installed. */
export function installPeers(log: (line: string) => void): void {
  const manifest = readFileSync(MANIFEST, 'utf8');
  const installed = path.join(PEERS_DIR, 'package.json');
  if (existsSync(installed) && readFileSync(installed, 'utf8') === manifest && existsSync(path.join(PEERS_DIR, 'node_modules'))) return;
  log('installing the peers into bench/.peers (once)…');
  mkdirSync(PEERS_DIR, { recursive: true });
  writeFileSync(installed, manifest);
  const result = spawnSync('npm', ['install', '--prefix', PEERS_DIR, '--no-audit', '--no-fund', '--loglevel=error'], {
    stdio: 'inherit',
    timeout: INSTALL_TIMEOUT_MS,
  });
  if (result.status !== 0) throw new Error(`npm install of the peers failed (status ${result.status ?? result.signal})`);
}

/** The committed supergraph with each subgraph's URL replaced by where the bench runs it. */
function benchSupergraph(subgraphs: readonly SubgraphAddress[]): string {
  let sdl = readFileSync(path.join(ROOT, 'gateway/supergraph.graphql'), 'utf8');
  for (const subgraph of subgraphs) {
    sdl = sdl.replace(new RegExp(`(@join__graph\\(name: "${subgraph.name}", url: ")[^"]*(")`), `$1${subgraph.url}$2`);
  }
  const file = path.join(PEERS_DIR, 'supergraph.graphql');
  writeFileSync(file, sdl);
  return file;
}

async function startPeer(
  name: string,
  args: readonly string[],
  env: Record<string, string>,
  port: number,
  log: (line: string) => void,
): Promise<RunningPeer> {
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: PEERS_DIR,
    env: { ...process.env, ...env, NODE_ENV: BENCH_NODE_ENV },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-KEPT_OUTPUT_CHARS));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${port}/graphql`;
  let stopping = false;
  child.on('exit', (code, signal) => {
    if (!stopping) log(`${name} exited unexpectedly (${signal ?? code}); its last output:\n${output}`);
  });
  const stop = async () => {
    stopping = true;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}`);
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ __typename }' }),
        });
        return response.status === 200;
      },
      { timeoutMs: PEER_READY_TIMEOUT_MS, intervalMs: 250, description: `${name} to answer` },
    );
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${output}`);
  }
  return { name, url, pid: child.pid!, stop };
}

/** The peers, each started over the same subgraphs; a peer that fails is reported, not fatal. */
export async function startPeers(
  subgraphs: readonly SubgraphAddress[],
  credential: string,
  log: (line: string) => void,
): Promise<{ peers: RunningPeer[]; failures: PeerFailure[] }> {
  const supergraph = benchSupergraph(subgraphs);
  // Agora's subgraphs answer only a caller with the gateway's credential: each peer sends it.
  const credentialEnv = { CREDENTIAL_HEADER: SUBGRAPH_CREDENTIAL_HEADER, CREDENTIAL: credential };
  writeFileSync(path.join(PEERS_DIR, 'gateway.config.mjs'), HIVE_CONFIG);
  const hiveBin = path.join(PEERS_DIR, 'node_modules/@graphql-hive/gateway/dist/bin.js');
  copyFileSync(path.join(ROOT, 'bench/peers/apollo-sample-gateway.mjs'), path.join(PEERS_DIR, 'apollo-sample-gateway.mjs'));
  const launches: { name: string; start: (port: number) => Promise<RunningPeer> }[] = [
    {
      name: 'hive-gateway',
      start: (port) =>
        startPeer('hive-gateway', [hiveBin, 'supergraph', supergraph, ...HIVE_OPTIONS, '--port', String(port)], credentialEnv, port, log),
    },
    {
      name: 'hive-router-runtime',
      start: (port) =>
        startPeer(
          'hive-router-runtime',
          [hiveBin, 'supergraph', supergraph, '--hive-router-runtime', ...HIVE_OPTIONS, '--port', String(port)],
          credentialEnv,
          port,
          log,
        ),
    },
    {
      name: 'apollo-sample',
      start: (port) =>
        startPeer(
          'apollo-sample',
          ['apollo-sample-gateway.mjs'],
          { PORT: String(port), SUBGRAPHS: JSON.stringify(subgraphs), ...credentialEnv },
          port,
          log,
        ),
    },
  ];
  const peers: RunningPeer[] = [];
  const failures: PeerFailure[] = [];
  for (const launch of launches) {
    try {
      peers.push(await launch.start(await freePort()));
      log(`${launch.name} ready`);
    } catch (error) {
      const reason = (error as Error).message.slice(0, KEPT_OUTPUT_CHARS);
      failures.push({ name: launch.name, reason });
      log(`${launch.name} failed to start: ${reason.split('\n')[0]}`);
    }
  }
  return { peers, failures };
}
