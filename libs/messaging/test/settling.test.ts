import { buildEnvelope, OrderPlaced } from '@agora/contracts';
import { waitFor } from '@agora/polling';
import { topologyNames } from '../src';
import { EffectsHandler } from './support/effects.handler';
import { queueColumn, TestEnvironment } from './support/harness';
import { behaviourProvider, orderPlaced } from './support/payloads';
import { publishRaw } from './support/raw-publish';

async function unacknowledged(queue: string): Promise<number> {
  return Number((await queueColumn('messages_unacknowledged')).get(queue) ?? Number.NaN);
}

describe('settling every delivery', () => {
  const env = new TestEnvironment();
  afterAll(() => env.cleanup(), 60_000);

  it('returns a delivery to its queue when the broker refuses its dead-letter copy, so more such failures than the prefetch never stall the queue', async () => {
    const prefetch = 4;
    const notifications = await env.start({
      service: 'notifications',
      databaseUrl: await env.database(),
      handlers: EffectsHandler,
      providers: behaviourProvider().providers,
      messaging: { consumer: { prefetch, deliveryLimit: 3 } },
    });
    const names = topologyNames(env.namespace, 'notifications');
    // A dead-letter queue that is full and refuses publishes: RabbitMQ nacks every park.
    await publishRaw({ queue: names.deadLetterQueue }, ['already parked']);
    await env.policy('full-dlq', 'notifications\\.dlq$', { 'max-length': 1, overflow: 'reject-publish' });

    const unparkable = Array.from({ length: prefetch * 3 }, (_, index) => `{"not json": ${index}`);
    const valid = buildEnvelope(OrderPlaced, orderPlaced());
    await publishRaw({ queue: names.queue }, [...unparkable, valid]);

    await waitFor(async () => (await notifications.effects()).length === 1, {
      description: 'the valid event behind them is applied',
      timeoutMs: 60_000,
    });
    expect((await notifications.effects())[0]!.eventId).toBe(valid.id);
    expect(notifications.runtime.server.stats.requeued).toBeGreaterThanOrEqual(unparkable.length);
    // Past the delivery limit RabbitMQ takes them over; nothing is left held by the consumer.
    await waitFor(async () => (await unacknowledged(names.queue)) === 0, {
      description: 'no delivery is left unacknowledged',
      timeoutMs: 60_000,
    });
  }, 180_000);
});
