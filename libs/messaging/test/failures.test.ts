import { buildEnvelope, OrderPlaced, StockReleased, uuidv7 } from '@agora/contracts';
import { waitFor } from '@agora/polling';
import { listDeadLetters, ParkReason, replayDeadLetters, topologyNames } from '../src';
import { EffectsHandler } from './support/effects.handler';
import { RABBITMQ_URL, TestEnvironment } from './support/harness';
import { behaviourProvider, orderPlaced } from './support/payloads';
import { publishRaw } from './support/raw-publish';

describe('failing messages', () => {
  const env = new TestEnvironment();
  afterAll(() => env.cleanup(), 60_000);

  it('retries a throwing handler with each configured delay, parks it with its reason, and replay applies it once fixed', async () => {
    const { behaviour, providers } = behaviourProvider();
    behaviour.failWith = 'the reservations table is locked';
    const producer = await env.start({ service: 'orders', databaseUrl: await env.database() });
    const inventory = await env.start({ service: 'inventory', databaseUrl: await env.database(), handlers: EffectsHandler, providers });
    const target = { url: RABBITMQ_URL, namespace: env.namespace, service: 'inventory' };

    const [eventId] = await producer.record(OrderPlaced, [orderPlaced()]);
    await waitFor(async () => (await listDeadLetters(target)).length === 1, { description: 'the message is parked' });

    // Two retry delays are configured: three attempts in all, and none of their effects committed.
    expect(behaviour.attempts).toBe(3);
    expect(inventory.runtime.server.stats).toMatchObject({ retried: 2, parked: 1, handled: 0 });
    expect(await inventory.effects()).toEqual([]);
    const [parked] = await listDeadLetters(target);
    expect(parked).toMatchObject({
      eventId,
      type: OrderPlaced.type,
      originalRoutingKey: OrderPlaced.type,
      attempts: 3,
      reason: ParkReason.RetriesExhausted,
      error: 'the reservations table is locked',
    });
    expect(Date.parse(parked!.parkedAt)).not.toBeNaN();

    behaviour.failWith = undefined;
    expect((await replayDeadLetters(target, { eventId })).replayed).toHaveLength(1);
    await waitFor(async () => (await inventory.effects()).length === 1, { description: 'the replayed event is applied' });
    expect((await inventory.effects())[0]!.eventId).toBe(eventId);
    expect(await listDeadLetters(target)).toEqual([]);
  }, 60_000);

  it('parks malformed JSON, unknown and schema-invalid events at once while the queue keeps flowing, and acks events it has no handler for', async () => {
    const { behaviour, providers } = behaviourProvider();
    const notifications = await env.start({
      service: 'notifications',
      databaseUrl: await env.database(),
      handlers: EffectsHandler,
      providers,
    });
    const names = topologyNames(env.namespace, 'notifications');
    const target = { url: RABBITMQ_URL, namespace: env.namespace, service: 'notifications' };
    const valid = buildEnvelope(OrderPlaced, orderPlaced());
    const schemaInvalid = { ...buildEnvelope(OrderPlaced, orderPlaced()), data: { orderId: 'not-a-uuid' } };
    const unknownType = { ...buildEnvelope(OrderPlaced, orderPlaced()), type: 'orders.order.teleported.v1' };

    await publishRaw({ exchange: names.exchange, routingKey: OrderPlaced.type }, [
      '{"this is": not json',
      schemaInvalid,
      unknownType,
      valid,
    ]);
    // The queue is bound only to handled types; a replay or a stale binding can still bring others.
    await publishRaw({ queue: names.queue }, [buildEnvelope(StockReleased, { orderId: uuidv7(), items: [] })]);

    await waitFor(async () => (await notifications.effects()).length === 1, {
      description: 'the valid event behind the bad ones is applied',
    });
    await waitFor(async () => (await listDeadLetters(target)).length === 3, { description: 'the bad ones are parked' });
    await waitFor(() => notifications.runtime.server.stats.unhandled === 1, { description: 'the unhandled event is acked and counted' });
    const parked = await listDeadLetters(target);
    expect(parked.map((letter) => letter.reason).sort()).toEqual(
      [ParkReason.InvalidEvent, ParkReason.NotJson, ParkReason.UnknownContract].sort(),
    );
    expect(parked.every((letter) => letter.attempts === 1)).toBe(true);
    expect(parked.find((letter) => letter.reason === ParkReason.InvalidEvent)!.error).toMatch(/orderId/);
    expect(behaviour.attempts).toBe(1);
  }, 60_000);
});
