import { OrderPlaced } from '@agora/contracts';
import { waitFor } from '@agora/polling';
import amqp from 'amqplib';
import { listDeadLetters, ParkReason, topologyNames } from '../src';
import { EffectsHandler } from './support/effects.handler';
import { RABBITMQ_URL, TEST_RETRY_DELAYS_MS, TestEnvironment } from './support/harness';
import { behaviourProvider, orderPlaced } from './support/payloads';

/** The poison orders are told apart by this total. */
const POISON_TOTAL_CENTS = 13;

describe('poison under load', () => {
  const env = new TestEnvironment();
  afterAll(() => env.cleanup(), 60_000);

  it('applies 1,000 valid events with 50 poison ones mixed in, parks the 50 after their retries, and drains the queue', async () => {
    const { behaviour, providers } = behaviourProvider();
    behaviour.isPoison = (event) => event.totalCents === POISON_TOTAL_CENTS;
    const producer = await env.start({ service: 'orders', databaseUrl: await env.database() });
    const inventory = await env.start({ service: 'inventory', databaseUrl: await env.database(), handlers: EffectsHandler, providers });
    const target = { url: RABBITMQ_URL, namespace: env.namespace, service: 'inventory' };

    const validIds: string[] = [];
    const poisonIds: string[] = [];
    for (let batch = 0; batch < 50; batch += 1) {
      // Each batch of 21: 20 valid, 1 poison at a different place each time.
      const payloads = Array.from({ length: 20 }, () => orderPlaced());
      payloads.splice(batch % 21, 0, orderPlaced({ totalCents: POISON_TOTAL_CENTS }));
      const ids = await producer.record(OrderPlaced, payloads);
      ids.forEach((id, index) => (payloads[index]!.totalCents === POISON_TOTAL_CENTS ? poisonIds : validIds).push(id));
    }

    await waitFor(async () => (await inventory.effects()).length >= 1_000, {
      description: 'all 1,000 valid events are applied',
      timeoutMs: 120_000,
    });
    await waitFor(async () => (await listDeadLetters(target)).length === 50, {
      description: 'the 50 poison ones are parked',
      timeoutMs: 120_000,
    });
    const effects = await inventory.effects();
    expect(effects).toHaveLength(1_000);
    expect(new Set(effects.map((effect) => effect.eventId))).toEqual(new Set(validIds));
    const parked = await listDeadLetters(target);
    expect(new Set(parked.map((letter) => letter.eventId))).toEqual(new Set(poisonIds));
    expect(
      parked.every((letter) => letter.reason === ParkReason.RetriesExhausted && letter.attempts === TEST_RETRY_DELAYS_MS.length + 1),
    ).toBe(true);

    const names = topologyNames(env.namespace, 'inventory');
    const connection = await amqp.connect(RABBITMQ_URL);
    try {
      const channel = await connection.createChannel();
      await waitFor(
        async () => {
          const counts = await Promise.all(
            [names.queue, ...TEST_RETRY_DELAYS_MS.map(names.retryQueue)].map(
              async (queue) => (await channel.checkQueue(queue)).messageCount,
            ),
          );
          return counts.every((count) => count === 0);
        },
        { description: 'the queue and its delay queues are empty' },
      );
    } finally {
      await connection.close();
    }
    expect(inventory.runtime.server.stats).toMatchObject({
      handled: 1_000,
      parked: 50,
      retried: 50 * TEST_RETRY_DELAYS_MS.length,
      requeued: 0,
    });
  }, 300_000);
});
