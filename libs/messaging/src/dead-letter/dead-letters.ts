import amqp, { type Channel, type ConfirmChannel, type GetMessage } from 'amqplib';
import { topologyNames } from '../broker/topology';
import { confirmPublish } from '../broker/publish';
import { AMQP_SOCKET_OPTIONS, DEFAULT_CONFIRM_TIMEOUT_MS, DEFAULT_INBOX_RETENTION_MS, HEADERS } from '../constants';
import { DeadLetterQueueMissingError } from '../messaging.error';

/** One parked message, as the `dlq` tool shows it. */
export interface DeadLetter {
  readonly eventId: string;
  readonly type: string;
  readonly originalRoutingKey: string;
  readonly attempts: number;
  readonly reason: string;
  readonly error: string;
  readonly parkedAt: string;
  /** When the event was recorded (its envelope's `time`), when known. */
  readonly recordedAt?: string;
  readonly body: string;
}

export interface ReplayOptions {
  /** Only the message with this event id. */
  readonly eventId?: string;
  /** The consuming service's inbox retention (`consumer.inboxRetentionMs`); the kit's default otherwise. */
  readonly inboxRetentionMs?: number;
}

export interface ReplayResult {
  readonly replayed: DeadLetter[];
  /** Recorded longer ago than the inbox retention: left in the dead-letter queue. */
  readonly refused: DeadLetter[];
}

export interface DeadLetterTarget {
  readonly url: string;
  readonly namespace: string;
  readonly service: string;
}

/**
 * Reads, replays and purges a service's dead-letter queue. Messages are fetched with `basic.get`
 * without ack; those not acted on return to the queue when the channel closes, so listing takes
 * nothing away.
 */
export async function listDeadLetters(target: DeadLetterTarget): Promise<DeadLetter[]> {
  return withDeadLetters(target, async (_channel, messages) => messages.map(describeDeadLetter));
}

/**
 * Sends parked messages (all, or the one with `eventId`) back to the service's own queue with a
 * fresh attempt count: they go through validation, the handler and the inbox like any delivery.
 * Each is acked in the DLQ only after RabbitMQ confirmed its copy.
 *
 * A message recorded longer ago than the inbox retention is refused and stays parked: the
 * consumer may have applied another copy of it and pruned that inbox row since, so replaying it
 * could apply it twice. Such a message needs a decision by hand (purge it, or publish a new event).
 */
export async function replayDeadLetters(target: DeadLetterTarget, options: ReplayOptions = {}): Promise<ReplayResult> {
  const { queue } = topologyNames(target.namespace, target.service);
  const oldest = Date.now() - (options.inboxRetentionMs ?? DEFAULT_INBOX_RETENTION_MS);
  return withDeadLetters(target, async (channel, messages) => {
    const replayed: DeadLetter[] = [];
    const refused: DeadLetter[] = [];
    for (const message of messages) {
      if (options.eventId && message.properties.messageId !== options.eventId) continue;
      const letter = describeDeadLetter(message);
      if (letter.recordedAt && Date.parse(letter.recordedAt) < oldest) {
        refused.push(letter);
        continue;
      }
      const headers = { ...(message.properties.headers ?? {}) };
      for (const key of [HEADERS.attempt, HEADERS.error, HEADERS.parkReason, HEADERS.parkedAt]) delete headers[key];
      await confirmPublish(
        channel,
        { exchange: '', routingKey: queue },
        message.content,
        { ...message.properties, headers, persistent: true },
        DEFAULT_CONFIRM_TIMEOUT_MS,
      );
      channel.ack(message);
      replayed.push(letter);
    }
    return { replayed, refused };
  });
}

/** Deletes parked messages (all, or the one with `eventId`); returns how many. */
export async function purgeDeadLetters(target: DeadLetterTarget, eventId?: string): Promise<number> {
  return withDeadLetters(target, async (channel, messages) => {
    let purged = 0;
    for (const message of messages) {
      if (eventId && message.properties.messageId !== eventId) continue;
      channel.ack(message);
      purged += 1;
    }
    return purged;
  });
}

async function withDeadLetters<T>(
  target: DeadLetterTarget,
  work: (channel: ConfirmChannel, messages: GetMessage[]) => Promise<T>,
): Promise<T> {
  const { deadLetterQueue } = topologyNames(target.namespace, target.service);
  const connection = await amqp.connect(target.url, AMQP_SOCKET_OPTIONS);
  connection.on('error', () => undefined); // a channel error (404) is reported by the failing call
  try {
    const channel = await connection.createConfirmChannel();
    channel.on('error', () => undefined);
    const messages = await takeAll(channel, deadLetterQueue);
    const result = await work(channel, messages);
    await channel.close();
    return result;
  } finally {
    await connection.close().catch(() => undefined);
  }
}

/** AMQP reply code for a missing queue. */
const NOT_FOUND = 404;

/** Every message present now (not those parked while we read), held unacked. */
async function takeAll(channel: Channel, queue: string): Promise<GetMessage[]> {
  const { messageCount } = await channel.checkQueue(queue).catch((error: { code?: number }) => {
    throw error.code === NOT_FOUND ? new DeadLetterQueueMissingError(queue) : error;
  });
  const messages: GetMessage[] = [];
  for (let index = 0; index < messageCount; index += 1) {
    const message = await channel.get(queue, { noAck: false });
    if (!message) break;
    messages.push(message);
  }
  return messages;
}

function describeDeadLetter(message: GetMessage): DeadLetter {
  const headers = message.properties.headers ?? {};
  const text = (key: string) => (headers[key] === undefined ? '' : String(headers[key]));
  return {
    eventId: message.properties.messageId ?? '',
    type: message.properties.type ?? '',
    originalRoutingKey: text(HEADERS.originalRoutingKey) || message.fields.routingKey,
    attempts: Number(headers[HEADERS.attempt] ?? 0),
    reason: text(HEADERS.parkReason) || deathReason(headers),
    error: text(HEADERS.error),
    parkedAt: text(HEADERS.parkedAt),
    ...recordedAt(message.content),
    body: message.content.toString('utf8'),
  };
}

/** The envelope's `time`; nothing for a body that is not an envelope (it was never applied). */
function recordedAt(content: Buffer): { recordedAt?: string } {
  try {
    const time = (JSON.parse(content.toString('utf8')) as { time?: unknown }).time;
    return typeof time === 'string' && !Number.isNaN(Date.parse(time)) ? { recordedAt: time } : {};
  } catch {
    return {};
  }
}

/** Messages RabbitMQ dead-lettered itself (delivery limit) carry only its `x-death` header. */
function deathReason(headers: Record<string, unknown>): string {
  const reason = headers['x-first-death-reason'];
  return reason ? `rabbitmq: ${String(reason)}` : 'unknown';
}
