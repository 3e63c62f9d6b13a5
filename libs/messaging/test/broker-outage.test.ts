import { OrderPlaced } from '@agora/contracts';
import { waitFor } from '@agora/polling';
import { EffectsHandler } from './support/effects.handler';
import { closeConnectionsOf, rabbitmqctl, restoreBroker, TestEnvironment } from './support/harness';
import { behaviourProvider, orderPlaced } from './support/payloads';

describe('broker outages', () => {
  const env = new TestEnvironment();
  afterAll(async () => {
    await restoreBroker();
    await env.cleanup();
  }, 180_000);

  it('delivers events recorded while RabbitMQ was stopped once it is back, and readiness says so meanwhile', async () => {
    const producer = await env.start({ service: 'orders', databaseUrl: await env.database() });
    const consumer = await env.start({
      service: 'inventory',
      databaseUrl: await env.database(),
      handlers: EffectsHandler,
      providers: behaviourProvider().providers,
    });
    expect((await producer.readiness()).checks.broker).toEqual({ status: 'up' });

    let ids: string[] = [];
    try {
      await rabbitmqctl('stop_app');
      await waitFor(async () => (await producer.readiness()).checks.broker?.status === 'down', {
        description: 'readiness reports the broker down',
      });
      ids = await producer.record(
        OrderPlaced,
        Array.from({ length: 50 }, () => orderPlaced()),
      );
    } finally {
      await restoreBroker();
    }

    await waitFor(async () => (await consumer.effects()).length >= 50, { description: 'all 50 are applied', timeoutMs: 60_000 });
    const effects = await consumer.effects();
    expect(effects).toHaveLength(50);
    expect(new Set(effects.map((effect) => effect.eventId))).toEqual(new Set(ids));
    await waitFor(async () => (await producer.readiness()).checks.broker?.status === 'up', {
      description: 'readiness reports the broker up',
    });
  }, 180_000);

  it('loses and doubles nothing when connections drop in the middle of a stream of 1,000 events', async () => {
    const producer = await env.start({ service: 'catalog', databaseUrl: await env.database() });
    const consumer = await env.start({
      service: 'notifications',
      databaseUrl: await env.database(),
      handlers: EffectsHandler,
      providers: behaviourProvider().providers,
    });

    const recording = (async () => {
      const ids: string[] = [];
      for (let batch = 0; batch < 50; batch += 1) {
        ids.push(
          ...(await producer.record(
            OrderPlaced,
            Array.from({ length: 20 }, () => orderPlaced()),
          )),
        );
        await new Promise((resolve) => setImmediate(resolve));
      }
      return ids;
    })();
    await waitFor(async () => (await consumer.effects()).length >= 200, { description: 'the stream is flowing', timeoutMs: 60_000 });
    expect(await closeConnectionsOf(env.namespace)).toBeGreaterThanOrEqual(2);
    const ids = await recording;

    await waitFor(async () => (await consumer.effects()).length >= 1_000, { description: 'all 1,000 are applied', timeoutMs: 90_000 });
    await waitFor(async () => consumer.runtime.server.isConsuming, { description: 'the consumer is consuming again' });
    const effects = await consumer.effects();
    expect(effects).toHaveLength(1_000);
    expect(new Set(effects.map((effect) => effect.eventId))).toEqual(new Set(ids));
  }, 180_000);
});
