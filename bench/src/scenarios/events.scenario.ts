import { withDatabase } from '@agora/database';
import { buildEnvelope, UserRegistered } from '@agora/contracts';
import { TEST_DATABASE_SERVER_URL, TEST_RABBITMQ_URL, waitFor } from '@agora/testing';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import type { BenchSystem } from '../bench-system';
import type { BenchSettings } from '../bench.settings';
import { cpuSeconds, cpuSince, cpuSnapshot } from '../process-stats';

export interface EventsRun {
  readonly messages: number;
  readonly seconds: number;
  readonly rate: number;
  readonly cpuMsPerMessage: Readonly<Record<string, number>>;
}

/** One side of the case over every round: the totals, and each round's rate to show the spread. */
export interface EventsSide extends EventsRun {
  readonly rates: readonly number[];
}

export interface EventsResult {
  readonly oneHop: EventsSide;
  readonly raw: EventsSide;
}

const INSERT_BATCH = 500;
const DRAIN_TIMEOUT_MS = 180_000;

/**
 * One hop at saturation: `count` accounts.user.registered.v1 events committed at once into
 * accounts' outbox (as signUp would, without the HTTP in front), timed until notifications' inbox
 * holds every one of them: accounts' relay publishes, notifications' consumer writes the welcome
 * notification and its inbox row in one transaction. It is the event with one consumer, like the
 * raw ceiling (catalog.product.created.v1, say, is applied by three services at once).
 */
async function oneHop(agora: BenchSystem, count: number): Promise<EventsRun> {
  const publisher = new pg.Client({ connectionString: agora.system.databaseUrl('accounts') });
  const consumer = new pg.Client({ connectionString: agora.system.databaseUrl('notifications') });
  await Promise.all([publisher.connect(), consumer.connect()]);
  try {
    const envelopes = Array.from({ length: count }, (_, index) =>
      buildEnvelope(UserRegistered, {
        userId: randomUUID(),
        email: `event-${index}@bench.example`,
        name: `Event bench user ${index}`,
        role: 'CUSTOMER',
        registeredAt: new Date().toISOString(),
      }),
    );
    const watched = agora.processes.filter((process) => ['accounts', 'notifications'].includes(process.name));
    await publisher.query('BEGIN');
    for (let start = 0; start < count; start += INSERT_BATCH) {
      const batch = envelopes.slice(start, start + INSERT_BATCH);
      const values = batch.map((_, index) => `($${index * 3 + 1}, $${index * 3 + 2}, $${index * 3 + 3})`).join(', ');
      await publisher.query(
        `INSERT INTO messaging_outbox (id, type, envelope) VALUES ${values}`,
        batch.flatMap((envelope) => [envelope.id, envelope.type, JSON.stringify(envelope)]),
      );
    }
    await publisher.query(`SELECT pg_notify('messaging_outbox', '')`);
    const before = cpuSnapshot(watched);
    const started = performance.now();
    await publisher.query('COMMIT');
    const ids = envelopes.map((envelope) => envelope.id);
    await waitFor(
      async () => {
        const { rows } = await consumer.query<{ count: string }>('SELECT count(*) FROM messaging_inbox WHERE event_id = ANY($1::uuid[])', [
          ids,
        ]);
        return Number(rows[0]!.count) === count;
      },
      { timeoutMs: DRAIN_TIMEOUT_MS, intervalMs: 20, description: `notifications to apply ${count} events` },
    ).catch(async (error: unknown) => {
      throw new Error(`${(error as Error).message}\n${await whereEventsStand(agora, { publisher, consumer }, ids)}`, { cause: error });
    });
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuSince(before, watched);
    return {
      messages: count,
      seconds,
      rate: count / seconds,
      cpuMsPerMessage: Object.fromEntries(Object.entries(cpu).map(([name, used]) => [name, (used * 1000) / count])),
    };
  } finally {
    await Promise.all([publisher.end(), consumer.end()]);
  }
}

/**
 * Where events that did not arrive stand, for a run that timed out: in accounts' outbox (sent,
 * claimed, waiting), in notifications' inbox, and the last lines both services logged.
 */
async function whereEventsStand(
  agora: BenchSystem,
  databases: { publisher: pg.Client; consumer: pg.Client },
  ids: string[],
): Promise<string> {
  const { rows: outbox } = await databases.publisher.query<{ sent: string; claimed: string; waiting: string }>(
    `SELECT count(*) FILTER (WHERE sent_at IS NOT NULL) AS sent,
            count(*) FILTER (WHERE sent_at IS NULL AND claimed_until > now()) AS claimed,
            count(*) FILTER (WHERE sent_at IS NULL AND (claimed_until IS NULL OR claimed_until <= now())) AS waiting
     FROM messaging_outbox WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  const { rows: inbox } = await databases.consumer.query<{ count: string }>(
    'SELECT count(*) FROM messaging_inbox WHERE event_id = ANY($1::uuid[])',
    [ids],
  );
  const logs = (name: string) => agora.system.subgraph(name).logs.slice(-15).join('\n');
  return [
    `accounts' outbox: ${outbox[0]!.sent} sent, ${outbox[0]!.claimed} claimed, ${outbox[0]!.waiting} waiting; notifications' inbox: ${inbox[0]!.count}`,
    `--- accounts, last lines ---\n${logs('accounts')}`,
    `--- notifications, last lines ---\n${logs('notifications')}`,
  ].join('\n');
}

/** The raw ceiling (raw-events.worker) in its own process, in the system's test namespace. */
function raw(agora: BenchSystem, count: number): Promise<EventsRun> {
  const spec = {
    amqpUrl: TEST_RABBITMQ_URL,
    databaseUrl: withDatabase(TEST_DATABASE_SERVER_URL, `${agora.system.namespace}_raw`),
    queue: `${agora.system.namespace}.raw`,
    count,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(import.meta.dirname, '../raw-events.worker.js'), JSON.stringify(spec)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    let cpu = 0;
    const sampler = setInterval(() => (cpu = Math.max(cpu, cpuSeconds(child.pid!))), 100);
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), DRAIN_TIMEOUT_MS);
    child.on('exit', (code) => {
      clearInterval(sampler);
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`the raw events ceiling failed (${code ?? 'killed'})`));
      const { messages, seconds } = JSON.parse(output) as { messages: number; seconds: number };
      resolve({ messages, seconds, rate: messages / seconds, cpuMsPerMessage: { 'raw worker (incl. start-up)': (cpu * 1000) / messages } });
    });
  });
}

/** Every round's runs of one side as one: messages over seconds, CPU over messages, as the HTTP cases pool theirs. */
function pooled(runs: readonly EventsRun[]): EventsSide {
  const messages = runs.reduce((sum, run) => sum + run.messages, 0);
  const seconds = runs.reduce((sum, run) => sum + run.seconds, 0);
  const cpuMs: Record<string, number> = {};
  for (const run of runs)
    for (const [name, ms] of Object.entries(run.cpuMsPerMessage)) cpuMs[name] = (cpuMs[name] ?? 0) + ms * run.messages;
  return {
    messages,
    seconds,
    rate: messages / seconds,
    cpuMsPerMessage: Object.fromEntries(Object.entries(cpuMs).map(([name, ms]) => [name, ms / messages])),
    rates: runs.map((run) => run.rate),
  };
}

/**
 * The one hop and its raw ceiling alternated, as the HTTP cases alternate their targets: a warm-up
 * of each, then `settings.rounds` rounds with the order rotated every round, so a slow drift of the
 * shared machine hits both sides alike.
 */
export async function runEventsScenario(agora: BenchSystem, settings: BenchSettings, log: (line: string) => void): Promise<EventsResult> {
  const sides = [
    { name: 'one hop', run: (count: number) => oneHop(agora, count), runs: [] as EventsRun[] },
    { name: 'raw ceiling', run: (count: number) => raw(agora, count), runs: [] as EventsRun[] },
  ];
  for (const side of sides) await side.run(Math.ceil(settings.eventCount / 10));
  for (let round = 0; round < settings.rounds; round += 1) {
    const order = sides.map((_, index) => sides[(index + round) % sides.length]!);
    for (const side of order) {
      const result = await side.run(settings.eventCount);
      side.runs.push(result);
      log(`  events: ${side.name} ${result.rate.toFixed(0)} msg/s`);
    }
  }
  const [hop, ceiling] = sides.map((side) => pooled(side.runs));
  return { oneHop: hop!, raw: ceiling! };
}
