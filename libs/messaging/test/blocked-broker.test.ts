import { OrderPlaced } from '@agora/contracts';
import { TcpProxy } from '@agora/tcp-proxy';
import { waitFor } from '@agora/polling';
import type { ChannelModel } from 'amqplib';
import { sql } from 'drizzle-orm';
import { BrokerConnection } from '../src/broker/broker.connection';
import { withinDeadline } from '../src/deadline';
import { EffectsHandler } from './support/effects.handler';
import { RABBITMQ_URL, TestEnvironment } from './support/harness';
import { behaviourProvider, orderPlaced } from './support/payloads';

/** Far longer than the test's bounds, so only the kit's own deadlines can end a wait on the broker. */
const SLOW_HEARTBEAT_URL_PARAM = 'heartbeat=600';
/** Generous bound for stop(): the kit's deadlines add up to a few seconds here. */
const STOP_BOUND_MS = 45_000;

describe('a broker that stops answering', () => {
  const env = new TestEnvironment();
  let proxy: TcpProxy;
  beforeAll(async () => {
    proxy = await TcpProxy.start(TcpProxy.targetOf(RABBITMQ_URL));
  });
  afterAll(async () => {
    await proxy.close();
    await env.cleanup();
  }, 60_000);

  it('holds no row lock or pooled connection while confirms are pending, stops within its bound, and the events go out later', async () => {
    const producerDatabase = await env.database();
    const url = `${proxy.url(RABBITMQ_URL)}?${SLOW_HEARTBEAT_URL_PARAM}`;
    const producer = await env.start({
      service: 'orders',
      databaseUrl: producerDatabase,
      messaging: { url, broker: { confirmTimeoutMs: 5_000, closeTimeoutMs: 1_000 }, relay: { flushTimeoutMs: 1_000, pollIntervalMs: 200 } },
    });
    const consumer = await env.start({
      service: 'inventory',
      databaseUrl: await env.database(),
      handlers: EffectsHandler,
      providers: behaviourProvider().providers,
    });
    await waitFor(async () => (await producer.readiness()).checks.broker?.status === 'up', { description: 'the producer is connected' });

    // Like a memory alarm: the connection stays open, publishes are taken and never confirmed.
    proxy.pause();
    const ids = await producer.record(
      OrderPlaced,
      Array.from({ length: 5 }, () => orderPlaced()),
    );
    // Five envelopes of about 500 bytes each have been sent: the relay now waits for their confirms.
    await waitFor(() => proxy.heldBytes > 5 * 400, { description: 'the relay has published the events' });
    const unsent = await producer.db.execute(sql`SELECT count(*)::int AS n FROM messaging_outbox WHERE sent_at IS NULL`);
    expect(unsent.rows).toEqual([{ n: 5 }]);

    const waiting = await producer.db.execute(
      sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
    );
    expect(waiting.rows).toEqual([{ n: 0 }]);
    // Another transaction can lock every row at once: the relay holds none of them.
    const locked = await producer.db.transaction(async (tx) => tx.execute(sql`SELECT id FROM messaging_outbox FOR UPDATE NOWAIT`));
    expect(locked.rows).toHaveLength(5);
    expect(producer.pool.totalCount).toBe(producer.pool.idleCount);

    expect((await withinDeadline(producer.app.close(), STOP_BOUND_MS)).done).toBe(true);

    // The rows stayed unsent; a new instance publishes them once the broker answers again.
    proxy.restore();
    await env.start({ service: 'orders', databaseUrl: producerDatabase });
    await waitFor(async () => (await consumer.effects()).length >= 5, { description: 'every event is applied', timeoutMs: 90_000 });
    expect(new Set((await consumer.effects()).map((effect) => effect.eventId))).toEqual(new Set(ids));
  }, 240_000);

  it('tears down a connection whose close it stopped waiting for, heartbeat timers and all', async () => {
    const connection = new BrokerConnection({
      url: `${proxy.url(RABBITMQ_URL)}?${SLOW_HEARTBEAT_URL_PARAM}`,
      connectionName: 'blocked-broker-test',
      initialDelayMs: 100,
      maxDelayMs: 1_000,
      closeTimeoutMs: 500,
    });
    let model: ChannelModel | undefined;
    connection.onConnect(async (opened) => {
      model = opened;
    });
    connection.start();
    try {
      await waitFor(() => model !== undefined, { description: 'the connection is open' });
      const closed = new Promise<void>((resolve) => model!.once('close', () => resolve()));
      proxy.pause();
      await connection.stop();
      // amqplib stops its heartbeat timers and emits 'close' only when its socket ends or fails;
      // a socket dropped without a reason left the connection (and its timers) alive for good.
      expect((await withinDeadline(closed, 5_000)).done).toBe(true);
    } finally {
      proxy.restore();
    }
  }, 60_000);
});
