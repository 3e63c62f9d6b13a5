import amqp, { type Options } from 'amqplib';
import { publishOptions } from '../../src';
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
      const options = propertiesOf(body);
      if ('queue' in target) channel.sendToQueue(target.queue, content, options);
      else channel.publish(target.exchange, target.routingKey, content, options);
    }
    await channel.waitForConfirms();
  } finally {
    await connection.close();
  }
}

/** An envelope gets the properties the relay sets (id, type); anything else is only persistent. */
function propertiesOf(body: string | object): Options.Publish {
  const { id, type } = body as { id?: unknown; type?: unknown };
  return typeof id === 'string' && typeof type === 'string' ? publishOptions(id, type) : { persistent: true };
}
