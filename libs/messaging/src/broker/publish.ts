import type { ConfirmChannel, Options } from 'amqplib';
import { PublishNotConfirmedError } from '../messaging.error';

/** CloudEvents' AMQP binding content type for structured mode. */
export const CLOUDEVENTS_CONTENT_TYPE = 'application/cloudevents+json; charset=utf-8';

/** Properties of every event message: persistent, and identified by the event id. */
export function publishOptions(eventId: string, type: string): Options.Publish {
  return { persistent: true, contentType: CLOUDEVENTS_CONTENT_TYPE, messageId: eventId, type, timestamp: Math.floor(Date.now() / 1000) };
}

/** Where a message goes: an exchange and routing key (`''` and a queue name for a direct send). */
export interface PublishTarget {
  readonly exchange: string;
  readonly routingKey: string;
}

/**
 * Publishes and resolves on the broker's confirm; rejects on a nack, a closed channel, or when no
 * confirm came within `timeoutMs`. A blocked connection (memory or disk alarm) accepts writes but
 * never confirms them, so every wait on the broker has this deadline. Many of these may be
 * outstanding at once on one channel.
 */
export function confirmPublish(
  channel: ConfirmChannel,
  target: PublishTarget,
  content: Buffer,
  options: Options.Publish,
  timeoutMs: number,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new PublishNotConfirmedError(target.routingKey, `no confirm within ${timeoutMs} ms`)), timeoutMs);
    timer.unref();
    try {
      channel.publish(target.exchange, target.routingKey, content, options, (error) => {
        clearTimeout(timer);
        if (error) reject(new PublishNotConfirmedError(target.routingKey, error));
        else resolve();
      });
    } catch (error) {
      // amqplib throws synchronously when the channel is already closed.
      clearTimeout(timer);
      reject(new PublishNotConfirmedError(target.routingKey, error));
    }
  });
}
