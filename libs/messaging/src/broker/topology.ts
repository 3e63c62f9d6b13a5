import type { Channel } from 'amqplib';
import { DEAD_LETTER_SUFFIX, EXCHANGE_SUFFIX, RETRY_SUFFIX } from '../constants';

/** The exchange and queue names of one namespace and service. */
export interface TopologyNames {
  readonly exchange: string;
  readonly queue: string;
  readonly deadLetterQueue: string;
  retryQueue(delayMs: number): string;
}

export function topologyNames(namespace: string, service: string): TopologyNames {
  const queue = `${namespace}.${service}`;
  return {
    exchange: `${namespace}.${EXCHANGE_SUFFIX}`,
    queue,
    deadLetterQueue: `${queue}.${DEAD_LETTER_SUFFIX}`,
    retryQueue: (delayMs) => `${queue}.${RETRY_SUFFIX}.${delayMs}ms`,
  };
}

export function exchangeName(namespace: string): string {
  return `${namespace}.${EXCHANGE_SUFFIX}`;
}

/** The one durable topic exchange; declaring it is idempotent, so every connection does. */
export async function declareExchange(channel: Channel, exchange: string): Promise<void> {
  await channel.assertExchange(exchange, 'topic', { durable: true });
}

/**
 * Dead-letter settings that keep a message when RabbitMQ moves it on (TTL expiry, delivery
 * limit): quorum queues' at-least-once dead-lettering, which needs `reject-publish` overflow.
 * https://www.rabbitmq.com/docs/quorum-queues#dead-lettering
 */
function safeDeadLetterTo(queue: string): Record<string, unknown> {
  return {
    'x-dead-letter-exchange': '',
    'x-dead-letter-routing-key': queue,
    'x-dead-letter-strategy': 'at-least-once',
    'x-overflow': 'reject-publish',
  };
}

export interface ConsumerTopology {
  readonly names: TopologyNames;
  readonly eventTypes: readonly string[];
  readonly retryDelaysMs: readonly number[];
  readonly deliveryLimit: number;
}

/**
 * A service's queues: its quorum queue bound to each event type it handles, one delay queue per
 * retry delay whose expired messages dead-letter back to it through the default exchange (works on
 * RabbitMQ 3.10 and 4.x, needs no plugin), and its dead-letter queue.
 */
export async function declareConsumerTopology(channel: Channel, topology: ConsumerTopology): Promise<void> {
  const { names } = topology;
  await declareExchange(channel, names.exchange);
  await channel.assertQueue(names.deadLetterQueue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
  await channel.assertQueue(names.queue, {
    durable: true,
    arguments: { 'x-queue-type': 'quorum', 'x-delivery-limit': topology.deliveryLimit, ...safeDeadLetterTo(names.deadLetterQueue) },
  });
  for (const delayMs of new Set(topology.retryDelaysMs)) {
    await channel.assertQueue(names.retryQueue(delayMs), {
      durable: true,
      arguments: { 'x-queue-type': 'quorum', 'x-message-ttl': delayMs, ...safeDeadLetterTo(names.queue) },
    });
  }
  for (const type of topology.eventTypes) {
    await channel.bindQueue(names.queue, names.exchange, type);
  }
}
