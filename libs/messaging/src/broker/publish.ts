import type { ConfirmChannel, Options } from 'amqplib';
import { PublishNotConfirmedError } from '../messaging.error';

/** CloudEvents' AMQP binding content type for structured mode. */
export const CLOUDEVENTS_CONTENT_TYPE = 'application/cloudevents+json; charset=utf-8';

/** Properties of every event message: persistent, and identified by the event id. */
export function publishOptions(eventId: string, type: string): Options.Publish {
  return { persistent: true, contentType: CLOUDEVENTS_CONTENT_TYPE, messageId: eventId, type, timestamp: Math.floor(Date.now() / 1000) };
}

/**
 * Publishes and resolves on the broker's confirm, rejects on a nack or a closed channel. Many of
 * these may be outstanding at once on one channel.
 */
export function confirmPublish(
  channel: ConfirmChannel,
  exchange: string,
  routingKey: string,
  content: Buffer,
  options: Options.Publish,
): Promise<void> {
  return new Promise((resolve, reject) => {
    try {
      channel.publish(exchange, routingKey, content, options, (error) =>
        error ? reject(new PublishNotConfirmedError(routingKey, error)) : resolve(),
      );
    } catch (error) {
      // amqplib throws synchronously when the channel is already closed.
      reject(new PublishNotConfirmedError(routingKey, error));
    }
  });
}
