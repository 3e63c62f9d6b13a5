import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { waitFor } from '@agora/polling';
import { OutboxListener } from '../src/relay/outbox.listener';
import { TestEnvironment } from './support/harness';

const LISTENING = sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN messaging_outbox'`;

describe('the outbox LISTEN connection', () => {
  const env = new TestEnvironment();
  afterAll(() => env.cleanup(), 60_000);

  it('lives outside the pool, and once stopped a later error on its connection breaks nothing', async () => {
    const url = await env.database();
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    pool.on('error', () => undefined); // an idle pooled client's error, as DatabaseModule does
    const observer = new pg.Pool({ connectionString: url, max: 1 });
    const db = drizzle(observer);
    let notifications = 0;
    const listener = new OutboxListener(pool, () => (notifications += 1), { initialDelayMs: 50, maxDelayMs: 200 });
    try {
      listener.start();
      await waitFor(async () => ((await db.execute(LISTENING)).rows[0] as { n: number }).n === 1, { description: 'it listens' });
      expect(pool.totalCount).toBe(0);
      const before = notifications;
      await db.execute(sql`SELECT pg_notify('messaging_outbox', '')`);
      await waitFor(() => notifications > before, { description: 'a commit notifies it' });

      // The server ends the LISTEN connection while it is being stopped, so its error can arrive
      // before, during or after the stop: whichever, nothing reconnects and the pool is untouched.
      await Promise.all([
        listener.stop(),
        db.execute(
          sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
        ),
      ]);
      await waitFor(
        async () => {
          const others = await db.execute(
            sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
          );
          return (others.rows[0] as { n: number }).n === 0 && pool.totalCount === 0;
        },
        { description: 'no connection of the database is left but ours' },
      );
      expect(((await db.execute(LISTENING)).rows[0] as { n: number }).n).toBe(0);
    } finally {
      await listener.stop();
      await pool.end();
      await observer.end();
    }
  }, 60_000);
});
