import type { EventEnvelope } from '@agora/contracts';
import { withCorrelationId } from '@agora/logging';
import type { Database } from '@agora/database';
import { Logger } from '@nestjs/common';
import { type CustomTransportStrategy, Server } from '@nestjs/microservices';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import { lastValueFrom } from 'rxjs';
import type { BrokerConnection } from '../broker/broker.connection';
import { declareConsumerTopology, type TopologyNames } from '../broker/topology';
import { HEADERS, LOG_CONTEXT } from '../constants';
import { inbox } from '../db/messaging.schema';
import { NonErrorThrownError, UnknownEventTypeError, UnreachableCaseError } from '../messaging.error';
import type { ResolvedMessagingOptions } from '../messaging.options';
import type { Outbox } from '../outbox/outbox';
import { decodeMessage } from './decode-message';
import { EventContext, type Transaction } from './event.context';
import { decideHandlerFailure, DeliveryOutcome, FailureDecision, ParkReason } from './failure.policy';
import { FailurePublisher } from './failure.publisher';
import { deliveryLagHistogram, secondsSince } from '../metrics/messaging.metrics';
import { addDeliveryEvent, withConsumeSpan, withInboxSpan } from '../tracing';

/** Transport id of the consumer, so `@EventPattern(type, AGORA_EVENTS)` can target it. */
export const AGORA_EVENTS = Symbol('AGORA_EVENTS');

export type ConsumerStats = Record<DeliveryOutcome, number>;

/**
 * The consumer as a NestJS transport: `@EventPattern('orders.order.placed.v1')` methods become
 * bindings of the service's quorum queue. Each delivery is decoded and validated, then its handler
 * runs inside a transaction that also inserts the inbox row `(service, event id)`: a duplicate
 * finds the row and is skipped, and nothing is acked before its effect committed. A failing
 * handler goes to a delay queue or the dead-letter queue, confirmed before the ack.
 */
export class EventConsumerServer extends Server implements CustomTransportStrategy {
  override readonly transportId = AGORA_EVENTS;
  override readonly propagatesEventHandlerErrors = true;
  readonly stats: ConsumerStats = { handled: 0, duplicate: 0, unhandled: 0, retried: 0, parked: 0 };
  /** Seconds from each event's recording to its delivery here. */
  readonly deliveryLag = deliveryLagHistogram();
  private channel?: ConfirmChannel;
  private consumerTag?: string;
  private consuming = false;
  private readonly inFlight = new Set<Promise<void>>();
  protected override readonly logger = new Logger(LOG_CONTEXT.consumer);

  constructor(
    private readonly options: ResolvedMessagingOptions,
    private readonly names: TopologyNames,
    private readonly connection: BrokerConnection,
    private readonly db: Database,
    private readonly outbox: Outbox,
  ) {
    super();
  }

  /** The event types this service's handlers declare: exactly what its queue is bound to. */
  handledTypes(): string[] {
    return [...this.messageHandlers.keys()].sort();
  }

  /** True while the queue is declared, bound and consumed on a live channel. */
  get isConsuming(): boolean {
    return this.channel !== undefined && this.consumerTag !== undefined;
  }

  /** Called by Nest (`startAllMicroservices`). Consumption starts whenever RabbitMQ is reachable. */
  listen(callback: (...optionalParams: unknown[]) => void): void {
    const types = this.handledTypes();
    for (const type of types) {
      if (!this.options.catalogue.has(type)) throw new UnknownEventTypeError(type, this.options.service);
    }
    this.consuming = true;
    this.connection.onConnect((model) => this.setUp(model));
    this.connection.start();
    callback();
  }

  /**
   * Ready once the queue is declared, bound and consumed (or at once for a service without
   * handlers). Events published before a consumer's queue exists reach no one, so a system is
   * only ready for traffic when every consumer has bound its queue.
   */
  async check(): Promise<void> {
    if (!this.consuming) throw new Error('the consumer has not been started');
    if (this.handledTypes().length > 0 && !this.consumerTag) throw new Error(`not consuming ${this.names.queue} yet`);
  }

  /** Stops consuming, waits for in-flight handlers (their acks included), closes the channel. */
  async close(): Promise<void> {
    this.consuming = false;
    const channel = this.channel;
    if (channel && this.consumerTag) await channel.cancel(this.consumerTag).catch(() => undefined);
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    this.channel = undefined;
    if (channel) await channel.close().catch(() => undefined);
  }

  on(): never {
    throw new Error('EventConsumerServer has no events to listen to');
  }

  unwrap<T>(): T {
    return this.channel as T;
  }

  private async setUp(model: Parameters<Parameters<BrokerConnection['onConnect']>[0]>[0]): Promise<void> {
    // A service that only publishes needs no queue.
    if (!this.consuming || this.handledTypes().length === 0) return;
    const channel = await model.createConfirmChannel();
    channel.on('error', () => undefined); // the connection reports it; unacked messages return to the queue
    channel.on('close', () => {
      if (this.channel !== channel) return;
      this.channel = undefined;
      this.consumerTag = undefined;
    });
    await declareConsumerTopology(channel, {
      names: this.names,
      eventTypes: this.handledTypes(),
      retryDelaysMs: this.options.consumer.retryDelaysMs,
      deliveryLimit: this.options.consumer.deliveryLimit,
    });
    await channel.prefetch(this.options.consumer.prefetch);
    this.channel = channel;
    const failures = new FailurePublisher(channel, this.names);
    const { consumerTag } = await channel.consume(this.names.queue, (message) => {
      if (!message) return; // the queue was deleted; the channel closes and we reconnect
      const work = this.handle(channel, failures, message).finally(() => this.inFlight.delete(work));
      this.inFlight.add(work);
    });
    this.consumerTag = consumerTag;
    this.logger.log(`consuming ${this.names.queue} (${this.handledTypes().join(', ')})`);
  }

  private async handle(channel: ConfirmChannel, failures: FailurePublisher, message: ConsumeMessage): Promise<void> {
    let outcome: DeliveryOutcome;
    try {
      outcome = await this.process(failures, message);
    } catch (error) {
      // Retry or dead-letter publish failed (channel lost, nack): leave the message unacked so
      // RabbitMQ redelivers it; the inbox makes that safe.
      this.logger.warn(`could not settle a message; it will be redelivered: ${(error as Error).message}`);
      return;
    }
    this.stats[outcome] += 1;
    try {
      channel.ack(message);
    } catch {
      // The channel closed after the commit: the redelivery will be skipped as a duplicate.
    }
  }

  private async process(failures: FailurePublisher, message: ConsumeMessage): Promise<DeliveryOutcome> {
    const decoded = decodeMessage(message.content, this.options.catalogue);
    switch (decoded.kind) {
      case 'invalid':
        this.logger.warn(`parking an invalid message (${decoded.reason}): ${decoded.detail}`);
        await failures.park(message, decoded.reason, decoded.detail, attemptOf(message));
        return DeliveryOutcome.Parked;
      case 'event':
        this.deliveryLag.observe(secondsSince(decoded.envelope.time));
        // Logs and follow-up events of this delivery carry the correlation id of the request that started it.
        return withConsumeSpan(decoded.envelope, message.properties.headers, this.names.queue, attemptOf(message), () =>
          withCorrelationId(decoded.envelope.correlationid, () => this.dispatch(failures, message, decoded.envelope)),
        );
      default:
        throw new UnreachableCaseError(decoded);
    }
  }

  private async dispatch(failures: FailurePublisher, message: ConsumeMessage, envelope: EventEnvelope): Promise<DeliveryOutcome> {
    const handler = this.getHandlerByPattern(envelope.type);
    if (!handler) return DeliveryOutcome.Unhandled;
    const attempt = attemptOf(message);
    try {
      return await this.applyOnce(envelope, attempt, handler);
    } catch (thrown) {
      const error = thrown instanceof Error ? thrown : new NonErrorThrownError(thrown);
      const verdict = decideHandlerFailure(attempt, this.options.consumer.retryDelaysMs);
      switch (verdict.decision) {
        case FailureDecision.Retry:
          this.logger.warn(
            `${envelope.type} ${envelope.id} failed on attempt ${attempt}; retrying in ${verdict.delayMs} ms: ${error.message}`,
          );
          addDeliveryEvent('retry', { attempt, delay_ms: verdict.delayMs, error: error.message });
          await failures.retry(message, verdict.delayMs, verdict.nextAttempt, error.message);
          return DeliveryOutcome.Retried;
        case FailureDecision.Park:
          this.logger.error(`${envelope.type} ${envelope.id} failed ${attempt} times; parking it: ${error.message}`);
          addDeliveryEvent('parked', { attempt, reason: ParkReason.RetriesExhausted, error: error.message });
          await failures.park(message, ParkReason.RetriesExhausted, error.message, attempt);
          return DeliveryOutcome.Parked;
        default:
          throw new UnreachableCaseError(verdict);
      }
    }
  }

  /** Inbox row and effects in one transaction; the row's primary key makes a duplicate a no-op. */
  private async applyOnce(
    envelope: EventEnvelope,
    attempt: number,
    handler: NonNullable<ReturnType<Server['getHandlerByPattern']>>,
  ): Promise<DeliveryOutcome> {
    return withInboxSpan(envelope, this.options.service, () => this.applyInTransaction(envelope, attempt, handler));
  }

  private applyInTransaction(
    envelope: EventEnvelope,
    attempt: number,
    handler: NonNullable<ReturnType<Server['getHandlerByPattern']>>,
  ): Promise<DeliveryOutcome> {
    return this.db.transaction(async (tx) => {
      const inserted = await tx
        .insert(inbox)
        .values({ consumer: this.options.service, eventId: envelope.id, type: envelope.type })
        .onConflictDoNothing()
        .returning({ eventId: inbox.eventId });
      if (inserted.length === 0) return DeliveryOutcome.Duplicate;
      const context = new EventContext(envelope, tx as Transaction, attempt, this.outbox);
      await lastValueFrom(this.transformToObservable(await handler(envelope.data, context)), { defaultValue: undefined });
      return DeliveryOutcome.Handled;
    });
  }
}

function attemptOf(message: ConsumeMessage): number {
  const value = Number(message.properties.headers?.[HEADERS.attempt]);
  return Number.isInteger(value) && value > 0 ? value : 1;
}
