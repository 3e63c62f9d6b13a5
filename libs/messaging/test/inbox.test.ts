import { buildEnvelope, type EventEnvelope, OrderPlaced } from '@agora/contracts';
import { drizzle } from 'drizzle-orm/node-postgres';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { Inbox } from '../src/inbox/inbox';
import type { Transaction } from '../src';
import { TestEnvironment } from './support/harness';
import { orderPlaced } from './support/payloads';

/** The inbox against a real database: its transaction, opened with the inbox row in one round trip. */
describe('inbox', () => {
  const env = new TestEnvironment();
  let pool: pg.Pool;
  let inbox: Inbox;
  const db = () => drizzle(pool);
  const effect = (envelope: EventEnvelope, note: string) =>
    sql`INSERT INTO test_effects (event_id, instance, payload) VALUES (${envelope.id}, ${note}, '{}'::jsonb)`;
  const effects = async () =>
    (await pool.query<{ event_id: string; instance: string }>('SELECT event_id, instance FROM test_effects ORDER BY seq')).rows;
  const inboxRows = async () =>
    (await pool.query<{ event_id: string; type: string }>('SELECT event_id, type FROM messaging_inbox WHERE consumer = $1', ['shop'])).rows;

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: await env.database(), max: 2 });
    inbox = new Inbox(db(), pool, 'shop');
  });
  afterAll(async () => {
    await pool.end();
    await env.cleanup();
  }, 60_000);
  afterEach(async () => {
    await pool.query('TRUNCATE test_effects, messaging_inbox');
  });

  it('applies an event once: the row and the effect commit together, a second delivery is a duplicate', async () => {
    const envelope = buildEnvelope(OrderPlaced, orderPlaced());
    const apply = (tx: Transaction) => tx.execute(effect(envelope, 'applied')).then(() => undefined);

    await expect(inbox.applyOnce(envelope, apply)).resolves.toBe('applied');
    await expect(inbox.applyOnce(envelope, apply)).resolves.toBe('duplicate');

    expect(await effects()).toEqual([{ event_id: envelope.id, instance: 'applied' }]);
    expect(await inboxRows()).toEqual([{ event_id: envelope.id, type: OrderPlaced.type }]);
  });

  it('rolls back the inbox row with the effect when the handler throws, and hands its connection back', async () => {
    const envelope = buildEnvelope(OrderPlaced, orderPlaced());
    await expect(
      inbox.applyOnce(envelope, async (tx) => {
        await tx.execute(effect(envelope, 'lost'));
        throw new Error('the handler failed');
      }),
    ).rejects.toThrow('the handler failed');
    expect(await effects()).toEqual([]);
    expect(await inboxRows()).toEqual([]);

    // The pool holds two connections: more applications than that only pass if each one was returned.
    for (let round = 0; round < 3; round += 1) {
      const next = buildEnvelope(OrderPlaced, orderPlaced());
      await expect(inbox.applyOnce(next, (tx) => tx.execute(effect(next, 'kept')).then(() => undefined))).resolves.toBe('applied');
    }
    expect(await effects()).toHaveLength(3);
    expect(pool.waitingCount).toBe(0);
  });

  it('gives the handler a drizzle transaction whose nested transaction is a savepoint', async () => {
    const envelope = buildEnvelope(OrderPlaced, orderPlaced());
    await inbox.applyOnce(envelope, async (tx) => {
      await tx.execute(effect(envelope, 'outer'));
      await tx
        .transaction(async (nested) => {
          await nested.execute(effect(envelope, 'inner'));
          nested.rollback();
        })
        .catch(() => undefined);
    });
    expect(await effects()).toEqual([{ event_id: envelope.id, instance: 'outer' }]);
  });

  it('stores the values of its one-statement opening as given, quotes and backslashes included', async () => {
    const quoting = new Inbox(db(), pool, `shop's \\ "quoted"`);
    const envelope: EventEnvelope = { ...buildEnvelope(OrderPlaced, orderPlaced()), type: `orders.it's\\odd.v1` };
    await expect(quoting.applyOnce(envelope, async () => undefined)).resolves.toBe('applied');
    await expect(quoting.applyOnce(envelope, async () => undefined)).resolves.toBe('duplicate');
    const { rows } = await pool.query<{ consumer: string; type: string }>('SELECT consumer, type FROM messaging_inbox');
    expect(rows).toEqual([{ consumer: `shop's \\ "quoted"`, type: `orders.it's\\odd.v1` }]);
  });
});
