import { DEFAULT_RABBITMQ_URL } from '@agora/config';
import { exchangeName, resolveMessagingOptions, topologyNames } from '@agora/messaging';
import amqp from 'amqplib';

/** The broker tests use; `TEST_RABBITMQ_URL` points elsewhere if needed. */
export const TEST_RABBITMQ_URL = process.env.TEST_RABBITMQ_URL ?? DEFAULT_RABBITMQ_URL;

/**
 * Deletes the exchange and every queue (main, retry, dead-letter) that services of `namespace`
 * declared, so a test leaves the broker as it found it.
 */
export async function deleteBrokerNamespace(namespace: string, services: readonly string[], url = TEST_RABBITMQ_URL): Promise<void> {
  const connection = await amqp.connect(url);
  try {
    const channel = await connection.createChannel();
    for (const service of services) {
      const names = topologyNames(namespace, service);
      const { retryDelaysMs } = resolveMessagingOptions({ service, url, namespace }).consumer;
      for (const queue of [names.queue, names.deadLetterQueue, ...retryDelaysMs.map((delay) => names.retryQueue(delay))]) {
        await channel.deleteQueue(queue);
      }
    }
    await channel.deleteExchange(exchangeName(namespace));
    await channel.close();
  } finally {
    await connection.close();
  }
}
