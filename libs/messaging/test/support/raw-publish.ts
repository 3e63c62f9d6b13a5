import amqp from 'amqplib';
import { RABBITMQ_URL } from './harness';

/** Publishes bytes the way a buggy or foreign producer would, bypassing the outbox. */
export async function publishRaw(
  target: { exchange: string; routingKey: string } | { queue: string },
  bodies: readonly (string | object)[],
): Promise<void> {
  const connection = await amqp.connect(RABBITMQ_URL);
  try {
    const channel = await connection.createConfirmChannel();
    for (const body of bodies) {
      const content = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
      if ('queue' in target) channel.sendToQueue(target.queue, content, { persistent: true });
      else channel.publish(target.exchange, target.routingKey, content, { persistent: true });
    }
    await channel.waitForConfirms();
  } finally {
    await connection.close();
  }
}
