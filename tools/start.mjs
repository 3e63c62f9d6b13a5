#!/usr/bin/env node
// `npm start [-- <service> …]`: builds, checks PostgreSQL and RabbitMQ, starts the services in
// one terminal with prefixed, readable logs, waits until they are ready and prints the gateway
// URL. Ctrl-C stops everything gracefully. Plain JavaScript, since it is what builds the rest;
// once built, it uses the same service list and URL helpers as the services and tools.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import amqp from 'amqplib';
import pg from 'pg';

const root = path.resolve(import.meta.dirname, '..');
const build = spawnSync(process.execPath, [path.join(root, 'tools/build.mjs')], { stdio: 'inherit', cwd: root });
if (build.status !== 0) process.exit(build.status ?? 1);
const { entryPoint, listServices } = await import('../dist/tools/services.js');
const { DEFAULT_DATABASE_SERVER_URL, DEFAULT_RABBITMQ_URL, SERVICE_RUNTIME_ENV, redactUrl } =
  await import('../dist/libs/config/src/index.js');
const { telemetryNodeArguments } = await import('../dist/libs/telemetry/src/index.js');
const { startTraceStore } = await import('../dist/tools/trace/trace-store.js');
const services = Object.fromEntries(listServices(root).map((service) => [service.name, service]));
const DEPENDENCY_TIMEOUT_MS = 4_000;
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 20_000;
/** A crashed service is started again after 1 s, then 2, 4 … up to 30 s while it keeps crashing. */
const RESTART_DELAY_MS = 1_000;
const MAX_RESTART_DELAY_MS = 30_000;
/** A service that ran this long had recovered: its next crash starts the backoff from the beginning. */
const RECOVERED_AFTER_MS = 60_000;
const COLORS = [36, 33, 35, 32, 34, 91, 96];
const useColor = process.stdout.isTTY && !process.env.NO_COLOR;

const databaseUrl = process.env.DATABASE_URL ?? DEFAULT_DATABASE_SERVER_URL;
const rabbitUrl = process.env.RABBITMQ_URL ?? DEFAULT_RABBITMQ_URL;

function paint(color, text) {
  return useColor ? `\x1b[${color}m${text}\x1b[0m` : text;
}

function say(message) {
  console.log(`${paint(1, 'agora')} ${message}`);
}

/** `<SERVICE>_PORT` moves one service off its default port. */
function portOf(name) {
  return process.env[`${name.toUpperCase()}_PORT`] ?? String(services[name].port);
}

/**
 * The gateway's credential for the subgraphs (SUBGRAPH_SECRET): the one set in the environment,
 * or one generated on the first start and kept in tmp/ (git-ignored), so that a service restarted
 * alone with `npm start -- <service>` still matches the running gateway.
 */
function subgraphSecret() {
  if (process.env.SUBGRAPH_SECRET) return process.env.SUBGRAPH_SECRET;
  const file = path.join(root, 'tmp', 'subgraph-secret');
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    writeFileSync(file, randomBytes(32).toString('hex'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if (error.code !== 'EEXIST') throw error;
  }
  return readFileSync(file, 'utf8').trim();
}

function selectServices(names) {
  const unknown = names.filter((name) => !(name in services));
  if (unknown.length > 0) {
    console.error(`Unknown service ${unknown.join(', ')}. Known: ${Object.keys(services).join(', ')}.`);
    process.exit(2);
  }
  const chosen = names.length > 0 ? names : Object.keys(services);
  return chosen.map((name) => services[name]);
}

async function withTimeout(promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${DEPENDENCY_TIMEOUT_MS} ms`)), DEPENDENCY_TIMEOUT_MS);
  });
  try {
    return await Promise.race([promise, timeout]);
  } catch (error) {
    throw new Error(`${what}: ${error.message || error.code || error}`);
  } finally {
    clearTimeout(timer);
  }
}

/** Fails within seconds, naming the URL tried and how to start what is missing. */
async function checkDependencies() {
  const problems = [];
  const server = new URL(databaseUrl);
  server.pathname = '/postgres';
  const client = new pg.Client({ connectionString: server.toString(), connectionTimeoutMillis: DEPENDENCY_TIMEOUT_MS });
  client.on('error', () => undefined);
  try {
    await withTimeout(client.connect(), `PostgreSQL at ${redactUrl(databaseUrl)}`);
  } catch (error) {
    problems.push(
      `${error.message}\n    Start it (Debian: \`pg_ctlcluster 15 main start\`; macOS: \`brew services start postgresql\`), ` +
        'or set DATABASE_URL to a running server.',
    );
  } finally {
    await client.end().catch(() => undefined);
  }
  try {
    const connection = await withTimeout(amqp.connect(rabbitUrl), `RabbitMQ at ${redactUrl(rabbitUrl)}`);
    await connection.close().catch(() => undefined);
  } catch (error) {
    problems.push(
      `${error.message}\n    Start it (\`rabbitmq-server -detached\`; macOS: \`brew services start rabbitmq\`), or set RABBITMQ_URL.`,
    );
  }
  if (problems.length > 0) {
    console.error(`${paint(31, 'agora cannot start:')}\n  - ${problems.join('\n  - ')}`);
    process.exit(1);
  }
}

/** Renders one JSON log line as `time service | LEVEL [context] message`. */
function render(service, color, line) {
  const prefix = paint(color, `${service.padEnd(13)}|`);
  let record;
  try {
    record = JSON.parse(line);
  } catch {
    return `${prefix} ${line}`;
  }
  if (typeof record !== 'object' || record === null || !('msg' in record)) return `${prefix} ${line}`;
  const { time, level, msg, context, service: _service, err, stack, ...fields } = record;
  const levelColor = { fatal: 31, error: 31, warn: 33, debug: 90, verbose: 90 }[level] ?? 0;
  const extra = Object.keys(fields).length > 0 ? ` ${paint(90, JSON.stringify(fields))}` : '';
  const trace = err?.stack ?? stack;
  const clock = typeof time === 'string' ? time.slice(11, 19) : '';
  return `${paint(90, clock)} ${prefix} ${paint(levelColor, String(level).toUpperCase().padEnd(5))} ${context ? paint(90, `[${context}] `) : ''}${msg}${extra}${trace && (level === 'error' || level === 'fatal') ? `\n${trace}` : ''}`;
}

function pipeLines(stream, onLine) {
  let buffered = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop();
    for (const line of lines) if (line) onLine(line);
  });
  stream.on('end', () => buffered && onLine(buffered));
}

async function isReady(service) {
  try {
    const response = await fetch(`http://127.0.0.1:${portOf(service.name)}/health/ready`);
    return response.status === 200;
  } catch {
    return false;
  }
}

/**
 * The first start of an empty shop adds demo data through the public API, so events flow. Never
 * in production: the demo admin and customers have published passwords.
 */
function seedIfEmpty(gatewayUrl) {
  if (process.env.NODE_ENV === 'production') return say('production mode: no demo data is seeded.');
  const child = spawn(process.execPath, [path.join(root, 'dist/tools/seed/seed.js'), '--if-empty'], {
    cwd: root,
    env: { ...process.env, GATEWAY_URL: gatewayUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  pipeLines(child.stdout, (line) => console.log(render('seed', 90, line)));
  pipeLines(child.stderr, (line) => console.log(render('seed', 31, line)));
  child.on('exit', (code) => {
    if (code !== 0) say(paint(33, 'seeding the demo data failed (see above); the system keeps running. Retry with `npm run seed`.'));
  });
}

async function main() {
  const chosen = selectServices(process.argv.slice(2));
  await checkDependencies();

  const children = new Map();
  const restarts = new Map();
  let stopping = false;
  let started = false;
  const stopAll = async (code) => {
    if (stopping) return;
    stopping = true;
    say('stopping…');
    for (const timer of restarts.values()) clearTimeout(timer);
    const exits = [...children.values()]
      .filter((child) => child.exitCode === null)
      .map((child) => {
        child.kill('SIGTERM');
        return new Promise((resolve) => child.once('exit', resolve));
      });
    const force = setTimeout(() => {
      for (const child of children.values()) if (child.exitCode === null) child.kill('SIGKILL');
    }, STOP_TIMEOUT_MS);
    await Promise.all(exits);
    clearTimeout(force);
    say('stopped.');
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  const traces = await startTraceStore(root);
  const telemetryEnv = traces.env;

  // The gateway is told where moved subgraphs are.
  const movedSubgraphs = Object.fromEntries(
    Object.keys(services)
      .filter((name) => services[name].kind === 'subgraph' && process.env[`${name.toUpperCase()}_PORT`])
      .map((name) => [`SUBGRAPH_${name.toUpperCase()}_URL`, `http://localhost:${portOf(name)}/graphql`]),
  );
  const secret = subgraphSecret();
  /**
   * Starts one service. One that exits while the system runs is started again with a growing
   * delay (an exit during start-up still stops everything: it is a configuration problem to fix).
   */
  const launch = (service, color, crashesInARow = 0) => {
    const launchedAt = Date.now();
    const child = spawn(process.execPath, ['--enable-source-maps', ...telemetryNodeArguments(root), entryPoint(service, root)], {
      cwd: root,
      env: {
        // MALLOC_ARENA_MAX and the like, as every service runs (an operator's own setting wins).
        ...SERVICE_RUNTIME_ENV,
        ...(service.kind === 'gateway' ? movedSubgraphs : {}),
        ...process.env,
        ...telemetryEnv,
        SUBGRAPH_SECRET: secret,
        PORT: portOf(service.name),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.set(service.name, child);
    pipeLines(child.stdout, (line) => console.log(render(service.name, color, line)));
    pipeLines(child.stderr, (line) => console.log(render(service.name, color, line)));
    child.on('exit', (code, signal) => {
      if (stopping) return;
      const how = signal ?? `code ${code}`;
      if (!started) {
        say(paint(31, `${service.name} exited (${how}).`));
        return void stopAll(1);
      }
      const streak = (Date.now() - launchedAt >= RECOVERED_AFTER_MS ? 0 : crashesInARow) + 1;
      const delay = Math.min(RESTART_DELAY_MS * 2 ** (streak - 1), MAX_RESTART_DELAY_MS);
      say(paint(31, `${service.name} exited (${how}); restarting it in ${delay / 1000} s (crash ${streak} in a row).`));
      restarts.set(
        service.name,
        setTimeout(() => {
          restarts.delete(service.name);
          if (stopping) return;
          const next = launch(service, color, streak);
          say(`${service.name} restarted (pid ${next.pid}).`);
        }, delay),
      );
    });
    return child;
  };
  chosen.forEach((service, index) => launch(service, COLORS[index % COLORS.length]));

  const deadline = Date.now() + READY_TIMEOUT_MS;
  const pending = new Set(chosen.map((service) => service.name));
  while (pending.size > 0 && !stopping) {
    if (Date.now() > deadline) {
      say(paint(31, `not ready after ${READY_TIMEOUT_MS / 1000}s: ${[...pending].join(', ')}`));
      return stopAll(1);
    }
    for (const service of chosen) if (pending.has(service.name) && (await isReady(service))) pending.delete(service.name);
    if (pending.size > 0) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (stopping) return;
  started = true;
  const gateway = chosen.find((service) => service.kind === 'gateway');
  if (gateway) {
    const port = portOf('gateway');
    say(paint(32, `ready: GraphQL gateway at http://localhost:${port}/graphql (open it in a browser for Apollo Sandbox). Ctrl-C stops.`));
    if (chosen.length === Object.keys(services).length) seedIfEmpty(`http://localhost:${port}/graphql`);
  } else {
    say(paint(32, `ready: ${chosen.map((service) => `${service.name} on :${portOf(service.name)}`).join(', ')}. Ctrl-C stops.`));
  }
  say(paint(90, traces.note));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
