import { OrderPlaced } from '@agora/contracts';
import { waitFor } from '@agora/polling';
import { sql } from 'drizzle-orm';
import { EffectsHandler } from './support/effects.handler';
import { TEST_RETRY_DELAYS_MS, TestEnvironment } from './support/harness';
import { behaviourProvider, orderPlaced } from './support/payloads';

/** Bounds the wait for a request's answer; far above what a free connection needs. */
const REQUEST_BOUND_MS = 20_000;

describe('the connection budget', () => {
  const env = new TestEnvironment();
  afterAll(() => env.cleanup(), 60_000);

  it('keeps connections for requests while every handler the consumer may run holds one, with the default pool of 10', async () => {
    const { behaviour, providers } = behaviourProvider();
    let open!: () => void;
    behaviour.gate = new Promise<void>((resolve) => (open = resolve));
    const producer = await env.start({ service: 'orders', databaseUrl: await env.database() });
    const inventory = await env.start({
      service: 'inventory',
      databaseUrl: await env.database(),
      poolSize: 10,
      handlers: EffectsHandler,
      providers,
      messaging: { consumer: { retryDelaysMs: TEST_RETRY_DELAYS_MS } },
    });

    await producer.record(
      OrderPlaced,
      Array.from({ length: 50 }, () => orderPlaced()),
    );
    const { prefetch } = inventory.runtime.options.consumer;
    // The burst at its peak: every handler the consumer runs holds its transaction, or the pool ran out.
    await waitFor(() => behaviour.waiting === prefetch || inventory.pool.waitingCount > 0, {
      description: 'the handlers hold as many connections as they can',
    });

    // A request, as a resolver would make it, while the burst holds the handlers' connections.
    const answer = await Promise.race([
      inventory.db.execute(sql`SELECT count(*)::int AS n FROM test_effects`).then((result) => result.rows[0]),
      new Promise<'no connection'>((resolve) => setTimeout(() => resolve('no connection'), REQUEST_BOUND_MS).unref()),
    ]);
    expect(answer).toEqual({ n: 0 });
    expect(behaviour.waiting).toBe(prefetch);
    expect(inventory.runtime.budget).toMatchObject({ poolSize: 10, handlers: prefetch, relay: 1 });

    open();
    behaviour.gate = undefined;
    await waitFor(async () => (await inventory.effects()).length === 50, { description: 'the burst is applied', timeoutMs: 60_000 });
  }, 120_000);
});
