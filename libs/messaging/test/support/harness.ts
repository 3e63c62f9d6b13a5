import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DATABASE, DATABASE_POOL, type Database, DatabaseModule, dropDatabase, prepareDatabase, withDatabase } from '@agora/database';
import { HealthModule, HealthRegistry } from '@agora/health';
import { waitFor } from '@agora/polling';
import { type AnyEventContract, type EventOf } from '@agora/contracts';
import { type INestApplication, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import amqp from 'amqplib';
import { sql } from 'drizzle-orm';
import type { Pool } from 'pg';
import {
  MESSAGING_MIGRATIONS,
  MessagingModule,
  type MessagingOptions,
  MessagingRuntime,
  Outbox,
  resolveMessagingOptions,
  topologyNames,
} from '../../src';

export const RABBITMQ_URL = process.env.RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
export const POSTGRES_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432';

const run = promisify(execFile);

/** Short retry delays, so that tests see retries and parking within seconds. */
export const TEST_RETRY_DELAYS_MS = [50, 100];

export function randomSuffix(): string {
  return randomBytes(4).toString('hex');
}

/** One test's namespace and databases; `cleanup` deletes every queue, exchange and database it made. */
export class TestEnvironment {
  readonly namespace = `agora-test-${randomSuffix()}`;
  private readonly databases: string[] = [];
  /** Each service started, with the retry delays its queues were declared for. */
  private readonly services = new Map<string, Set<number>>();
  private readonly policies: string[] = [];
  private readonly apps: INestApplication[] = [];

  /** A fresh database with the kit's tables and a `test_effects` table for handlers to write. */
  async database(): Promise<string> {
    const url = withDatabase(POSTGRES_URL, `agora_test_${randomSuffix()}`);
    this.databases.push(url);
    await prepareDatabase({ url, migrations: [MESSAGING_MIGRATIONS] });
    const { Client } = (await import('pg')).default;
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.query(
      'CREATE TABLE test_effects (seq serial PRIMARY KEY, event_id uuid NOT NULL, instance text NOT NULL, payload jsonb NOT NULL)',
    );
    await client.end();
    return url;
  }

  /** Starts a service app with the kit and `handlers` (a controller), the way runSubgraph will. */
  async start(options: {
    readonly service: string;
    readonly databaseUrl: string;
    readonly handlers?: Type;
    readonly providers?: { provide: string | symbol; useValue: unknown }[];
    readonly messaging?: Partial<MessagingOptions>;
    readonly poolSize?: number;
  }): Promise<ServiceUnderTest> {
    const messaging: MessagingOptions = {
      service: options.service,
      url: RABBITMQ_URL,
      namespace: this.namespace,
      consumer: { retryDelaysMs: TEST_RETRY_DELAYS_MS, prefetch: 10 },
      relay: { pollIntervalMs: 200 },
      reconnect: { initialDelayMs: 100, maxDelayMs: 1_000 },
      ...options.messaging,
    };
    const delays = this.services.get(options.service) ?? new Set<number>();
    // The delays the kit declares retry queues for (a test's own `consumer` options replace the
    // harness's, and the kit's defaults then apply), so that cleanup deletes those very queues.
    for (const delay of resolveMessagingOptions(messaging).consumer.retryDelaysMs) delays.add(delay);
    this.services.set(options.service, delays);
    @Module({
      imports: [
        HealthModule,
        DatabaseModule.forRoot({ url: options.databaseUrl, schema: {}, poolSize: options.poolSize ?? 12 }),
        MessagingModule.forRoot(messaging),
      ],
      controllers: options.handlers ? [options.handlers] : [],
      providers: options.providers ?? [],
    })
    class ServiceModule {}
    const app = await NestFactory.create(ServiceModule, { logger: process.env.TEST_LOGS ? undefined : false });
    await app.init();
    await app.get(MessagingRuntime).start(app);
    this.apps.push(app);
    const service = new ServiceUnderTest(app);
    // Events published before a queue is bound reach no one (as in production before a service's
    // first start), so tests publish only once their consumers are bound.
    if (options.handlers) await waitFor(() => service.runtime.server.isConsuming, { description: `${options.service} consumes` });
    return service;
  }

  /**
   * Sets a RabbitMQ policy on queues of this test's namespace only (`pattern` is matched against
   * the name after `<namespace>.`); `cleanup` clears it. Resolves once the broker applies it.
   */
  async policy(name: string, pattern: string, definition: Record<string, unknown>): Promise<void> {
    const policy = `${this.namespace}-${name}`;
    this.policies.push(policy);
    const prefix = `^${this.namespace.replace(/[.-]/g, (char) => `\\${char}`)}\\.`;
    await rabbitmqctl('set_policy', '--apply-to', 'queues', '--priority', '100', policy, `${prefix}${pattern}`, JSON.stringify(definition));
    await waitFor(async () => [...(await queueColumn('policy')).values()].includes(policy), {
      description: `policy ${policy} applies`,
      timeoutMs: 60_000,
    });
  }

  async clearPolicies(): Promise<void> {
    for (const policy of this.policies.splice(0)) await rabbitmqctl('clear_policy', policy).catch(() => undefined);
  }

  async cleanup(): Promise<void> {
    await this.clearPolicies();
    await Promise.allSettled(this.apps.map((app) => app.close()));
    const connection = await amqp.connect(RABBITMQ_URL);
    try {
      for (const [service, delays] of this.services) {
        const names = topologyNames(this.namespace, service);
        for (const queue of [names.queue, names.deadLetterQueue, ...[...delays].map(names.retryQueue)]) {
          const channel = await connection.createChannel();
          channel.on('error', () => undefined);
          await channel.deleteQueue(queue).catch(() => undefined);
          await channel.close().catch(() => undefined);
        }
      }
      const channel = await connection.createChannel();
      await channel.deleteExchange(`${this.namespace}.events`).catch(() => undefined);
    } finally {
      await connection.close();
    }
    await Promise.allSettled(this.databases.map((url) => dropDatabase(url)));
  }
}

export class ServiceUnderTest {
  readonly runtime: MessagingRuntime;
  readonly db: Database;
  readonly pool: Pool;
  constructor(readonly app: INestApplication) {
    this.runtime = app.get(MessagingRuntime);
    this.db = app.get(DATABASE);
    this.pool = app.get(DATABASE_POOL);
  }

  /** Records events in one transaction, as a resolver would. */
  async record<C extends AnyEventContract>(contract: C, payloads: readonly EventOf<C>[]): Promise<string[]> {
    const outbox = this.app.get(Outbox);
    return this.db.transaction(async (tx) => {
      const ids: string[] = [];
      for (const payload of payloads) ids.push((await outbox.record(tx, contract, payload)).id);
      return ids;
    });
  }

  async effects(): Promise<{ eventId: string; instance: string; payload: Record<string, unknown> }[]> {
    const result = await this.db.execute<{ event_id: string; instance: string; payload: Record<string, unknown> }>(
      sql`SELECT event_id, instance, payload FROM test_effects ORDER BY seq`,
    );
    return result.rows.map((row) => ({ eventId: row.event_id, instance: row.instance, payload: row.payload }));
  }

  readiness() {
    return this.app.get(HealthRegistry).readiness();
  }
}

export async function rabbitmqctl(...args: string[]): Promise<void> {
  await run('rabbitmqctl', args, { timeout: 120_000 });
}

/**
 * One column of `rabbitmqctl list_queues` (`policy`, `messages_unacknowledged`, …) for every queue
 * of the broker, by queue name; a queue without a value (no policy) maps to ''.
 */
export async function queueColumn(column: string): Promise<Map<string, string>> {
  const { stdout } = await run('rabbitmqctl', ['list_queues', 'name', column, '-q', '--no-table-headers'], { timeout: 60_000 });
  const rows = stdout.split('\n').filter((line) => line.trim() !== '');
  return new Map(
    rows.map((line) => {
      const [name = '', value = ''] = line.split('\t');
      return [name.trim(), value.trim()];
    }),
  );
}

/**
 * Closes this test's connections only (those whose name starts with its namespace): the same
 * failure as `close_all_connections` for the code under test, without breaking other processes
 * that share the broker.
 */
export async function closeConnectionsOf(namespace: string): Promise<number> {
  // The default formatter prints full pids (<rabbit@host.N.N.N>), which close_connection accepts.
  const { stdout } = await run('rabbitmqctl', ['list_connections', 'pid', 'client_properties', '-q', '--no-table-headers'], {
    timeout: 60_000,
  });
  const pids = stdout
    .split('\n')
    .filter((line) => line.includes(`{"connection_name","${namespace}.`))
    .map((line) => line.split('\t')[0]!.trim());
  await Promise.all(pids.map((pid) => rabbitmqctl('close_connection', pid, 'test: connection loss')));
  return pids.length;
}

/** Puts the broker back whatever a test did to it. */
export async function restoreBroker(): Promise<void> {
  await rabbitmqctl('start_app').catch(() => undefined);
  await rabbitmqctl('await_startup');
}
