import type { ConfirmChannel, ConsumeMessage, Options } from 'amqplib';
import type { TopologyNames } from '../broker/topology';
import { HEADERS, MAX_ERROR_HEADER_LENGTH } from '../constants';
import { confirmPublish } from '../broker/publish';
import type { ParkReason } from './failure.policy';

/**
 * Moves a failed message on: to a delay queue or to the dead-letter queue, through the default
 * exchange, on the consuming channel with a publisher confirm. The caller acks the original only
 * after this resolved, so a crash in between duplicates the message rather than losing it.
 */
export class FailurePublisher {
  constructor(
    private readonly channel: ConfirmChannel,
    private readonly names: TopologyNames,
    private readonly confirmTimeoutMs: number,
  ) {}

  retry(message: ConsumeMessage, delayMs: number, nextAttempt: number, error: string): Promise<void> {
    return this.send(this.names.retryQueue(delayMs), message, {
      [HEADERS.attempt]: nextAttempt,
      [HEADERS.error]: truncate(error),
    });
  }

  park(message: ConsumeMessage, reason: ParkReason, error: string, attempts: number): Promise<void> {
    return this.send(this.names.deadLetterQueue, message, {
      [HEADERS.attempt]: attempts,
      [HEADERS.error]: truncate(error),
      [HEADERS.parkReason]: reason,
      [HEADERS.parkedAt]: new Date().toISOString(),
    });
  }

  private send(queue: string, message: ConsumeMessage, headers: Record<string, unknown>): Promise<void> {
    const previous = { ...(message.properties.headers ?? {}) };
    // Our own bookkeeping replaces RabbitMQ's: x-death grows with every dead-lettering.
    for (const key of Object.keys(previous))
      if (key.startsWith('x-death') || key.startsWith('x-first-death') || key === 'x-delivery-count') delete previous[key];
    const options: Options.Publish = {
      persistent: true,
      contentType: message.properties.contentType,
      messageId: message.properties.messageId,
      type: message.properties.type,
      correlationId: message.properties.correlationId,
      appId: message.properties.appId,
      timestamp: message.properties.timestamp,
      headers: {
        ...previous,
        [HEADERS.originalRoutingKey]: previous[HEADERS.originalRoutingKey] ?? message.fields.routingKey,
        ...headers,
      },
    };
    return confirmPublish(this.channel, { exchange: '', routingKey: queue }, message.content, options, this.confirmTimeoutMs);
  }
}

function truncate(text: string): string {
  return text.length > MAX_ERROR_HEADER_LENGTH ? `${text.slice(0, MAX_ERROR_HEADER_LENGTH)}…` : text;
}
