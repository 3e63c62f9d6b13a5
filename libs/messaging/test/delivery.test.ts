import { EventValidationError, OrderPlaced } from '@agora/contracts';
import { DATABASE_POOL, DEFAULT_POOL_SIZE } from '@agora/database';
import { waitFor } from '@agora/polling';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { integer, pgTable, uuid } from 'drizzle-orm/pg-core';
import type { Pool } from 'pg';
import { Outbox } from '../src';
import { EffectsHandler, ProductsHandler } from './support/effects.handler';
import { TestEnvironment } from './support/harness';
import { behaviourProvider, orderPlaced } from './support/payloads';

describe('delivery through the outbox', () => {
  const env = new TestEnvironment();
  afterAll(() => env.cleanup(), 60_000);

  it('delivers a recorded event to every bound service once, and nothing of a rolled-back transaction', async () => {
    const producer = await env.start({ service: 'orders', databaseUrl: await env.database() });
    const first = behaviourProvider();
    const second = behaviourProvider();
    const inventory = await env.start({
      service: 'inventory',
      databaseUrl: await env.database(),
      handlers: EffectsHandler,
      providers: first.providers,
    });
    const reviews = await env.start({
      service: 'reviews',
      databaseUrl: await env.database(),
      handlers: EffectsHandler,
      providers: second.providers,
    });

    const rolledBack = orderPlaced();
    await expect(
      producer.db.transaction(async (tx) => {
        await producer.app.get(Outbox).record(tx, OrderPlaced, rolledBack);
        throw new Error('the state change failed');
      }),
    ).rejects.toThrow('the state change failed');
    const ids = await producer.record(
      OrderPlaced,
      Array.from({ length: 20 }, () => orderPlaced()),
    );

    for (const consumer of [inventory, reviews]) {
      await waitFor(async () => (await consumer.effects()).length >= 20, { description: 'each consumer applied the 20 events' });
    }
    for (const consumer of [inventory, reviews]) {
      const effects = await consumer.effects();
      expect(effects.map((effect) => effect.eventId).sort()).toEqual([...ids].sort());
      expect(effects.some((effect) => effect.payload.orderId === rolledBack.orderId)).toBe(false);
      expect(consumer.runtime.server.stats.handled).toBe(20);
    }
    // A consumer may apply an event before the relay has marked it sent and counted it.
    await waitFor(() => producer.runtime.relay.stats.published === 20, { description: 'the relay counted its 20 publishes' });
  }, 60_000);

  it('marks every published row sent once its confirm is in, while commits keep waking the relay mid-pass', async () => {
    const producer = await env.start({ service: 'warehouse', databaseUrl: await env.database() });
    const behaviour = behaviourProvider();
    const ledger = await env.start({
      service: 'ledger',
      databaseUrl: await env.database(),
      handlers: EffectsHandler,
      providers: behaviour.providers,
    });
    // One transaction per event, one after the other: most commits land while a pass is publishing.
    const ids: string[] = [];
    for (let index = 0; index < 30; index += 1) ids.push(...(await producer.record(OrderPlaced, [orderPlaced()])));

    const unsent = async () =>
      (
        await producer.db.execute<{ n: number }>(
          'SELECT count(*)::int AS n FROM messaging_outbox WHERE sent_at IS NULL OR claimed_until IS NOT NULL',
        )
      ).rows[0]!.n;
    await waitFor(async () => (await unsent()) === 0, { description: 'every outbox row marked sent' });
    await waitFor(async () => (await ledger.effects()).length >= 30, { description: 'the consumer applied the 30 events' });
    expect((await ledger.effects()).map((effect) => effect.eventId).sort()).toEqual([...ids].sort());
    expect(producer.runtime.relay.stats.published).toBe(30);

    // The relay's writes commit without waiting for the WAL flush, each in its own transaction only:
    // every pooled connection (all held at once) still waits for the flush of everything else.
    const pool = producer.app.get<Pool>(DATABASE_POOL);
    const clients = await Promise.all(Array.from({ length: pool.options.max ?? DEFAULT_POOL_SIZE }, () => pool.connect()));
    try {
      const settings = await Promise.all(
        clients.map(async (client) => (await client.query('SHOW synchronous_commit')).rows[0].synchronous_commit),
      );
      expect(new Set(settings)).toEqual(new Set(['on']));
    } finally {
      for (const client of clients) client.release();
    }
  }, 60_000);

  it('records an event in one statement with the changes that cause it, or not at all', async () => {
    const parents = pgTable('test_parents', { id: uuid('id').primaryKey() });
    const children = pgTable('test_children', { parentId: uuid('parent_id').notNull(), n: integer('n').notNull() });
    const producer = await env.start({ service: 'shop', databaseUrl: await env.database() });
    const consumer = await env.start({
      service: 'books',
      databaseUrl: await env.database(),
      handlers: EffectsHandler,
      providers: behaviourProvider().providers,
    });
    await producer.db.execute(sql`CREATE TABLE test_parents (id uuid PRIMARY KEY)`);
    await producer.db.execute(sql`CREATE TABLE test_children (parent_id uuid NOT NULL REFERENCES test_parents (id), n integer NOT NULL)`);
    const outbox = producer.app.get(Outbox);
    const { db } = producer;
    const count = async (table: string) => (await db.execute<{ n: number }>(sql.raw(`SELECT count(*)::int AS n FROM ${table}`))).rows[0]!.n;

    // A parent and its children in sibling WITH queries: the foreign key is checked once both are in.
    const parent = randomUUID();
    const recorded = await outbox.recordWith(
      db,
      [
        db.insert(parents).values({ id: parent }),
        db.insert(children).values([
          { parentId: parent, n: 1 },
          { parentId: parent, n: 2 },
        ]),
      ],
      OrderPlaced,
      orderPlaced(),
    );
    expect([await count('test_parents'), await count('test_children'), await count('messaging_outbox')]).toEqual([1, 2, 1]);

    // A change that fails (a duplicate key, a missing parent) takes its event and the other changes with it.
    await expect(
      outbox.recordWith(
        db,
        [db.insert(children).values({ parentId: randomUUID(), n: 3 }), db.insert(parents).values({ id: parent })],
        OrderPlaced,
        orderPlaced(),
      ),
    ).rejects.toMatchObject({ cause: { code: '23505' } });
    await expect(
      outbox.recordWith(db, [db.insert(children).values({ parentId: randomUUID(), n: 4 })], OrderPlaced, orderPlaced()),
    ).rejects.toMatchObject({
      cause: { code: '23503' },
    });
    // An event that breaks its contract sends nothing; in a caller's transaction, it rolls back with it.
    await expect(
      outbox.recordWith(db, [db.insert(parents).values({ id: randomUUID() })], OrderPlaced, { ...orderPlaced(), totalCents: -1 }),
    ).rejects.toBeInstanceOf(EventValidationError);
    await expect(
      db.transaction(async (tx) => {
        await outbox.recordWith(tx, [tx.insert(parents).values({ id: randomUUID() })], OrderPlaced, orderPlaced());
        throw new Error('a later step failed');
      }),
    ).rejects.toThrow('a later step failed');
    await expect(outbox.recordWith(db, [], OrderPlaced, orderPlaced())).rejects.toBeInstanceOf(RangeError);
    expect([await count('test_parents'), await count('test_children'), await count('messaging_outbox')]).toEqual([1, 2, 1]);

    // The committed event woke the relay and was delivered like any other.
    await waitFor(async () => (await consumer.effects()).length === 1, { description: 'the consumer applied the event' });
    expect((await consumer.effects())[0]!.eventId).toBe(recorded.id);
    await waitFor(() => producer.runtime.relay.stats.published === 1, { description: 'the relay counted its publish' });
  }, 60_000);

  it('refuses to record an event that breaks its contract, failing the transaction', async () => {
    const producer = await env.start({ service: 'catalog', databaseUrl: await env.database() });
    const invalid = { ...orderPlaced(), totalCents: -1 };
    await expect(producer.record(OrderPlaced, [invalid])).rejects.toBeInstanceOf(EventValidationError);
    const rows = await producer.db.execute('SELECT count(*)::int AS n FROM messaging_outbox');
    expect(rows.rows[0]).toEqual({ n: 0 });
  }, 30_000);

  it('gives follow-up events the correlation id of the first and the id of their cause', async () => {
    const follow = behaviourProvider();
    follow.behaviour.recordFollowUp = true;
    const producer = await env.start({ service: 'accounts', databaseUrl: await env.database() });
    await env.start({ service: 'notifications', databaseUrl: await env.database(), handlers: EffectsHandler, providers: follow.providers });
    const products = await env.start({ service: 'products', databaseUrl: await env.database(), handlers: ProductsHandler });

    const [causeId] = await producer.record(OrderPlaced, [orderPlaced()]);
    await waitFor(async () => (await products.effects()).length === 1, { description: 'the follow-up arrived' });
    const [effect] = await products.effects();
    const envelope = effect!.payload.envelope as { correlationid: string; causationid: string };
    expect(envelope.causationid).toBe(causeId);
    expect(envelope.correlationid).toBe(causeId);
  }, 60_000);
});
