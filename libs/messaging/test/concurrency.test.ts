import { buildEnvelope, OrderPlaced } from '@agora/contracts';
import { waitFor } from '@agora/polling';
import { topologyNames } from '../src';
import { Behaviour } from './support/effects.handler';
import { EffectsHandler } from './support/effects.handler';
import { TestEnvironment } from './support/harness';
import { behaviourProvider, orderPlaced } from './support/payloads';
import { publishRaw } from './support/raw-publish';

function named(instance: string): Behaviour {
  const behaviour = new Behaviour();
  behaviour.instance = instance;
  return behaviour;
}

describe('duplicates and replicas', () => {
  const env = new TestEnvironment();
  afterAll(() => env.cleanup(), 60_000);

  it('applies an event delivered twice only once', async () => {
    const { providers } = behaviourProvider();
    const reviews = await env.start({ service: 'reviews', databaseUrl: await env.database(), handlers: EffectsHandler, providers });
    const envelope = buildEnvelope(OrderPlaced, orderPlaced());

    await publishRaw({ queue: topologyNames(env.namespace, 'reviews').queue }, [envelope, envelope]);

    await waitFor(() => reviews.runtime.server.stats.handled + reviews.runtime.server.stats.duplicate === 2, {
      description: 'both deliveries are settled',
    });
    expect(reviews.runtime.server.stats).toMatchObject({ handled: 1, duplicate: 1 });
    expect((await reviews.effects()).map((effect) => effect.eventId)).toEqual([envelope.id]);
  }, 30_000);

  it('shares the work between two instances of one service', async () => {
    const databaseUrl = await env.database();
    const producer = await env.start({ service: 'orders', databaseUrl: await env.database() });
    const first = await env.start({
      service: 'inventory',
      databaseUrl,
      handlers: EffectsHandler,
      providers: behaviourProvider(named('first')).providers,
    });
    const second = await env.start({
      service: 'inventory',
      databaseUrl,
      handlers: EffectsHandler,
      providers: behaviourProvider(named('second')).providers,
    });

    const ids = await producer.record(
      OrderPlaced,
      Array.from({ length: 200 }, () => orderPlaced()),
    );

    await waitFor(async () => (await first.effects()).length >= 200, { description: 'all 200 are applied' });
    const effects = await first.effects();
    expect(new Set(effects.map((effect) => effect.eventId))).toEqual(new Set(ids));
    expect(effects).toHaveLength(200);
    expect(first.runtime.server.stats.handled).toBeGreaterThan(0);
    expect(second.runtime.server.stats.handled).toBeGreaterThan(0);
  }, 60_000);

  it('never doubles an effect when two relays drain one outbox', async () => {
    const producerDatabase = await env.database();
    const relays = [
      await env.start({ service: 'catalog', databaseUrl: producerDatabase }),
      await env.start({ service: 'catalog', databaseUrl: producerDatabase }),
    ];
    const consumer = await env.start({
      service: 'notifications',
      databaseUrl: await env.database(),
      handlers: EffectsHandler,
      providers: behaviourProvider().providers,
    });

    const ids: string[] = [];
    for (let batch = 0; batch < 10; batch += 1) {
      ids.push(
        ...(await relays[batch % 2]!.record(
          OrderPlaced,
          Array.from({ length: 50 }, () => orderPlaced()),
        )),
      );
    }

    await waitFor(async () => (await consumer.effects()).length >= 500, { description: 'all 500 are applied' });
    const effects = await consumer.effects();
    expect(effects).toHaveLength(500);
    expect(new Set(effects.map((effect) => effect.eventId))).toEqual(new Set(ids));
    const published = relays.map((relay) => relay.runtime.relay.stats.published);
    // SKIP LOCKED gives each row to one relay: together they publish each row exactly once here.
    expect(published[0]! + published[1]!).toBe(500);
  }, 60_000);
});
