import { EventValidationError, OrderPlaced } from '@agora/contracts';
import { waitFor } from '@agora/polling';
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
    expect(producer.runtime.relay.stats.published).toBe(20);
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
