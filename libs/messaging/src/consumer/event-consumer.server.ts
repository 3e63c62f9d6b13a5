import type { EventEnvelope } from '@agora/contracts';
import { withCorrelationId } from '@agora/logging';
import type { Database } from '@agora/database';
import { UnreachableCaseError } from '@agora/exhaustive';
import { Logger } from '@nestjs/common';
import { type CustomTransportStrategy, Server } from '@nestjs/microservices';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import type { Pool } from 'pg';
import { isObservable, lastValueFrom } from 'rxjs';
import type { BrokerConnection } from '../broker/broker.connection';
import { declareConsumerTopology, type TopologyNames } from '../broker/topology';
import { HEADERS, LOG_CONTEXT } from '../constants';
import { withinDeadline } from '../deadline';
import { Inbox } from '../inbox/inbox';
import { InboxPruner } from '../inbox/inbox.pruner';
import { NonErrorThrownError, UnknownEventTypeError } from '../messaging.error';
import type { ResolvedMessagingOptions } from '../messaging.options';
import type { Outbox } from '../outbox/outbox';
import { decodeMessage } from './decode-message';
import { EventContext } from './event.context';
import { DeliveryOutcome } from './failure.policy';
import { FailurePublisher } from './failure.publisher';
import { deliveryLagHistogram, secondsSince } from '../metrics/messaging.metrics';
import { withConsumeSpan, withInboxSpan } from '../tracing';
import { routeHandlerFailure } from './failure.router';

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
  readonly stats: ConsumerStats = { handled: 0, duplicate: 0, unhandled: 0, retried: 0, parked: 0, requeued: 0 };
  /** Seconds from each event's recording to its delivery here. */
  readonly deliveryLag = deliveryLagHistogram();
  private channel?: ConfirmChannel;
  private consumerTag?: string;
  private consuming = false;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly inbox: Inbox;
  private readonly pruner: InboxPruner;
  protected override readonly logger = new Logger(LOG_CONTEXT.consumer);

  constructor(
    private readonly options: ResolvedMessagingOptions,
    private readonly names: TopologyNames,
    private readonly connection: BrokerConnection,
    db: Database,
    pool: Pool,
    private readonly outbox: Outbox,
  ) {
    super();
    this.inbox = new Inbox(db, pool, options.service);
    this.pruner = new InboxPruner(db, {
      consumer: options.service,
      retentionMs: options.consumer.inboxRetentionMs,
      intervalMs: options.consumer.inboxPruneIntervalMs,
    });
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
    if (types.length > 0) this.pruner.start();
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

  /**
   * Stops consuming, waits for in-flight handlers (their acks included), closes the channel. Each
   * wait on the broker has the close deadline and each settle the confirm deadline, so this ends
   * even when RabbitMQ stopped answering; what was not acked is redelivered.
   */
  async close(): Promise<void> {
    this.consuming = false;
    await this.pruner.stop();
    const channel = this.channel;
    const { closeTimeoutMs } = this.options.broker;
    if (channel && this.consumerTag)
      await withinDeadline(
        channel.cancel(this.consumerTag).catch(() => undefined),
        closeTimeoutMs,
      );
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    this.channel = undefined;
    if (channel)
      await withinDeadline(
        channel.close().catch(() => undefined),
        closeTimeoutMs,
      );
  }

  /** The inbox pruner, to prune now (tests, maintenance). */
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
    const failures = new FailurePublisher(channel, this.names, this.options.broker.confirmTimeoutMs);
    const { consumerTag } = await channel.consume(this.names.queue, (message) => {
      if (!message) return; // the queue was deleted; the channel closes and we reconnect
      const work = this.handle(channel, failures, message).finally(() => this.inFlight.delete(work));
      this.inFlight.add(work);
    });
    this.consumerTag = consumerTag;
    this.logger.log(`consuming ${this.names.queue} (${this.handledTypes().join(', ')})`);
  }

  /** Every delivery ends acked, or nacked back to the queue: never held unsettled. */
  private async handle(channel: ConfirmChannel, failures: FailurePublisher, message: ConsumeMessage): Promise<void> {
    let outcome: DeliveryOutcome;
    try {
      outcome = await this.process(failures, message);
    } catch (error) {
      // The retry or dead-letter copy was not confirmed (a nack, a full queue, the deadline): hand
      // the delivery back rather than hold its prefetch slot until the channel closes. The inbox
      // makes the redelivery safe; the queue's delivery limit bounds how often it comes back.
      this.logger.warn(`could not move a failed message on; returning it to the queue: ${(error as Error).message}`);
      this.stats[DeliveryOutcome.Requeued] += 1;
      settle(() => channel.nack(message, false, true));
      return;
    }
    this.stats[outcome] += 1;
    // After the commit: if the channel closed meanwhile, the redelivery is skipped as a duplicate.
    settle(() => channel.ack(message));
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
    // The type is a catalogue name, the handler's key as it is. (Nest's `getHandlerByPattern` first
    // tries it as JSON, which throws, stack trace and all, on every delivery.)
    const handler = this.messageHandlers.get(envelope.type);
    if (!handler) return DeliveryOutcome.Unhandled;
    const attempt = attemptOf(message);
    try {
      const result = await withInboxSpan(envelope, this.options.service, () =>
        this.inbox.applyOnce(envelope, async (tx) => {
          const context = new EventContext(envelope, tx, attempt, this.outbox);
          // Nest's handler resolves to the method's value, or to an Observable when several handlers
          // share the type or the error filter rethrows; only then is RxJS needed to wait for it.
          const returned: unknown = await handler(envelope.data, context);
          if (isObservable(returned)) await lastValueFrom(returned, { defaultValue: undefined });
        }),
      );
      return result === 'applied' ? DeliveryOutcome.Handled : DeliveryOutcome.Duplicate;
    } catch (thrown) {
      const error = thrown instanceof Error ? thrown : new NonErrorThrownError(thrown);
      return routeHandlerFailure(failures, this.options.consumer.retryDelaysMs, this.logger, { message, envelope, attempt, error });
    }
  }
}

/** A closed channel throws on ack and nack; its unacked messages are redelivered anyway. */
function settle(action: () => void): void {
  try {
    action();
  } catch {
    // nothing to do: see above
  }
}

function attemptOf(message: ConsumeMessage): number {
  const value = Number(message.properties.headers?.[HEADERS.attempt]);
  return Number.isInteger(value) && value > 0 ? value : 1;
}
