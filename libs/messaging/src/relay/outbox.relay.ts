import { anyOf } from '@agora/database';
import type { EventEnvelope } from '@agora/contracts';
import type { Database } from '@agora/database';
import { Logger } from '@nestjs/common';
import type { ConfirmChannel } from 'amqplib';
import { and, lt, sql } from 'drizzle-orm';
import type { Pool } from 'pg';
import type { BrokerConnection } from '../broker/broker.connection';
import { confirmPublish, publishOptions } from '../broker/publish';
import { declareExchange } from '../broker/topology';
import { CLAIM_LEASE_CONFIRM_DEADLINES, LOG_CONTEXT } from '../constants';
import { withinDeadline } from '../deadline';
import { outbox } from '../db/messaging.schema';
import type { ResolvedMessagingOptions } from '../messaging.options';
import { OutboxListener } from './outbox.listener';
import { withPublishSpan } from '../tracing';

/**
 * A condition that is always true and turns `synchronous_commit` off for its statement's
 * transaction alone (`set_config(…, true)`): the relay's own writes (claims, marks, releases) then
 * commit without waiting for the WAL to reach the disk. Losing one to a database crash only
 * publishes a row again, which every consumer's inbox absorbs; waiting would put two disk flushes
 * in every hop of the saga. Every other transaction (a state change with its events, a consumer's
 * effect with its inbox row) keeps waiting for its flush.
 */
const WITHOUT_WAITING_FOR_THE_FLUSH = sql`set_config('synchronous_commit', 'off', true) IS NOT NULL`;

/** What the relay needs of a claimed row (the ids are UUIDv7: their order is recording order). */
type ClaimedRow = Pick<typeof outbox.$inferSelect, 'id' | 'type' | 'envelope'>;

export interface RelayStats {
  /** Rows published and confirmed. */
  published: number;
  /** Of those, how many no queue was bound for (returned by `mandatory`): normal, and counted. */
  unroutable: number;
}

/**
 * Publishes outbox rows to the topic exchange, in three short steps that never hold a database
 * lock or connection while waiting on RabbitMQ: claim up to `batchSize` unsent, unclaimed rows
 * (one `UPDATE … FOR UPDATE SKIP LOCKED` statement that sets a lease, so replicas share the work
 * and never publish the same row at the same time); publish them all before waiting (a window of
 * unconfirmed messages: awaiting each confirm in turn caps out near 37 msg/s), each confirm with
 * its deadline; then mark sent the rows RabbitMQ confirmed and release the others. Anything not
 * confirmed is published again: at-least-once, which the consumers' inbox turns into exactly-once
 * in effect.
 */
export class OutboxRelay {
  readonly stats: RelayStats = { published: 0, unroutable: 0 };
  private channel?: ConfirmChannel;
  private running = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private woken = false;
  private lastPruneAt = 0;
  private readonly listener: OutboxListener;
  private readonly logger = new Logger(LOG_CONTEXT.relay);

  constructor(
    private readonly db: Database,
    pool: Pool,
    private readonly connection: BrokerConnection,
    private readonly options: Pick<ResolvedMessagingOptions, 'relay' | 'reconnect' | 'broker'> & { readonly exchange: string },
  ) {
    this.listener = new OutboxListener(pool, () => this.wake(), options.reconnect);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.connection.onConnect(async (model) => {
      const channel = await model.createConfirmChannel();
      channel.on('error', () => undefined); // the connection's 'close' reports it; we only drop the channel
      channel.on('close', () => {
        if (this.channel === channel) this.channel = undefined;
      });
      channel.on('return', () => {
        this.stats.unroutable += 1;
      });
      await declareExchange(channel, this.options.exchange);
      this.channel = channel;
      this.wake();
    });
    this.listener.start();
    this.loop = this.run();
  }

  /**
   * Stops the loop (its pass ends within the confirm deadline), then publishes what is left for at
   * most `flushTimeoutMs`: bounded even when RabbitMQ is blocked.
   */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake();
    await this.loop;
    await this.listener.stop();
    if (!(await withinDeadline(this.drain(), this.options.relay.flushTimeoutMs)).done) {
      this.logger.warn('outbox flush timed out; the rows left are published on the next start');
    }
  }

  /** Ask for a pass now (after a NOTIFY, a reconnect, or from a test). */
  wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.woken = false;
      await this.drain();
      await this.pruneIfDue();
      if (!this.running || this.woken) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.relay.pollIntervalMs);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = undefined;
    }
  }

  /** Publishes batches until the outbox is empty or a batch could not be fully confirmed. */
  private async drain(): Promise<void> {
    try {
      while ((await this.publishBatch()) === 'more') {
        // keep going: a full batch suggests more rows are waiting
      }
    } catch (error) {
      this.logger.warn(`publishing the outbox failed; retrying: ${(error as Error).message}`);
    }
  }

  private async publishBatch(): Promise<'more' | 'done'> {
    const channel = this.channel;
    if (!channel) return 'done';
    const rows = await this.claim();
    if (rows.length === 0) return 'done';
    const results = await Promise.allSettled(rows.map((row) => this.publish(channel, row)));
    const confirmed = rows.filter((_, index) => results[index]?.status === 'fulfilled').map((row) => row.id);
    const unconfirmed = rows.filter((_, index) => results[index]?.status === 'rejected').map((row) => row.id);
    // Rows marked sent are never published again; the others are released for the next attempt.
    if (confirmed.length > 0) {
      await this.db
        .update(outbox)
        .set({ sentAt: sql`now()`, claimedUntil: null })
        .where(and(anyOf(outbox.id, confirmed), WITHOUT_WAITING_FOR_THE_FLUSH));
      this.stats.published += confirmed.length;
    }
    if (unconfirmed.length > 0) {
      await this.db
        .update(outbox)
        .set({ claimedUntil: null })
        .where(and(anyOf(outbox.id, unconfirmed), WITHOUT_WAITING_FOR_THE_FLUSH));
      const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
      throw failed?.reason;
    }
    return rows.length === this.options.relay.batchSize ? 'more' : 'done';
  }

  /**
   * Takes the oldest unsent rows no live claim holds, in one statement: its row locks last only as
   * long as the statement. The lease outlasts the confirm deadline several times, so a row is
   * released or marked long before another relay could take it.
   */
  private async claim(): Promise<ClaimedRow[]> {
    const leaseMs = this.options.broker.confirmTimeoutMs * CLAIM_LEASE_CONFIRM_DEADLINES;
    // Published in recording order, as consumers see it most of the time (RETURNING has no order).
    const result = await this.db.execute<ClaimedRow>(sql`
      WITH claimed AS (
        UPDATE messaging_outbox SET claimed_until = now() + ${leaseMs} * interval '1 millisecond'
        WHERE id IN (
          SELECT id FROM messaging_outbox
          WHERE sent_at IS NULL AND (claimed_until IS NULL OR claimed_until < now()) AND ${WITHOUT_WAITING_FOR_THE_FLUSH}
          ORDER BY id LIMIT ${this.options.relay.batchSize}
          FOR UPDATE SKIP LOCKED)
        RETURNING id, type, envelope)
      SELECT id, type, envelope FROM claimed ORDER BY id`);
    return result.rows;
  }

  private publish(channel: ConfirmChannel, row: ClaimedRow): Promise<void> {
    const envelope = row.envelope as EventEnvelope;
    // `publish` returning false only asks us to slow down; a batch is bounded, so we let
    // amqplib buffer it rather than complicate the window.
    return withPublishSpan(envelope, this.options.exchange, (headers) =>
      confirmPublish(
        channel,
        { exchange: this.options.exchange, routingKey: row.type },
        Buffer.from(JSON.stringify(row.envelope)),
        {
          ...publishOptions(row.id, row.type),
          headers,
          mandatory: true,
          ...(envelope.correlationid ? { correlationId: envelope.correlationid } : {}),
          ...(envelope.source ? { appId: envelope.source } : {}),
        },
        this.options.broker.confirmTimeoutMs,
      ),
    );
  }

  private async pruneIfDue(): Promise<void> {
    if (Date.now() - this.lastPruneAt < this.options.relay.pruneIntervalMs) return;
    this.lastPruneAt = Date.now();
    try {
      const cutoff = new Date(Date.now() - this.options.relay.retentionMs);
      await this.db.delete(outbox).where(lt(outbox.sentAt, cutoff));
    } catch (error) {
      this.logger.warn(`pruning sent outbox rows failed: ${(error as Error).message}`);
    }
  }
}
