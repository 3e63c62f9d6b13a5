import type { EventEnvelope } from '@agora/contracts';
import type { Database } from '@agora/database';
import { Logger } from '@nestjs/common';
import type { ConfirmChannel } from 'amqplib';
import { inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Pool } from 'pg';
import type { BrokerConnection } from '../broker/broker.connection';
import { declareExchange } from '../broker/topology';
import { LOG_CONTEXT } from '../constants';
import { outbox, type OutboxRow } from '../db/messaging.schema';
import type { ResolvedMessagingOptions } from '../messaging.options';
import { confirmPublish, publishOptions } from './publish';
import { OutboxListener } from './outbox.listener';
import { withPublishSpan } from '../tracing';

export interface RelayStats {
  /** Rows published and confirmed. */
  published: number;
  /** Of those, how many no queue was bound for (returned by `mandatory`): normal, and counted. */
  unroutable: number;
}

/**
 * Publishes outbox rows to the topic exchange. Each batch claims up to `batchSize` unsent rows
 * with `FOR UPDATE SKIP LOCKED` (so replicas share the work and never publish the same row at the
 * same time), publishes them all before waiting (a window of unconfirmed messages: awaiting each
 * confirm in turn caps out near 37 msg/s), and marks sent, in the same transaction, only the rows
 * RabbitMQ confirmed. Anything else stays unsent and is published again: at-least-once, which the
 * consumers' inbox turns into exactly-once in effect.
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
    private readonly options: Pick<ResolvedMessagingOptions, 'relay' | 'reconnect'> & { readonly exchange: string },
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

  /** Stops the loop, then publishes what is left for at most `flushTimeoutMs`. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake();
    await this.loop;
    await this.listener.stop();
    const flushed = this.drain();
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), this.options.relay.flushTimeoutMs).unref());
    if ((await Promise.race([flushed, timeout])) === 'timeout') {
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
    const { outcome, failure } = await this.db.transaction(async (tx): Promise<{ outcome: 'more' | 'done'; failure?: unknown }> => {
      const rows = await tx
        .select()
        .from(outbox)
        .where(isNull(outbox.sentAt))
        .orderBy(outbox.id)
        .limit(this.options.relay.batchSize)
        .for('update', { skipLocked: true });
      if (rows.length === 0) return { outcome: 'done' };
      const results = await Promise.allSettled(rows.map((row) => this.publish(channel, row)));
      const confirmed = rows.filter((_, index) => results[index]?.status === 'fulfilled').map((row) => row.id);
      if (confirmed.length > 0) {
        await tx
          .update(outbox)
          .set({ sentAt: sql`now()` })
          .where(inArray(outbox.id, confirmed));
        this.stats.published += confirmed.length;
      }
      const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
      // Commit what was confirmed even when part of the batch failed: rows marked sent are never
      // published again, and the failed ones stay for the next attempt.
      if (failed) return { outcome: 'done', failure: failed.reason };
      return { outcome: rows.length === this.options.relay.batchSize ? 'more' : 'done' };
    });
    if (failure) throw failure;
    return outcome;
  }

  private publish(channel: ConfirmChannel, row: OutboxRow): Promise<void> {
    const envelope = row.envelope as EventEnvelope;
    // `publish` returning false only asks us to slow down; a batch is bounded, so we let
    // amqplib buffer it rather than complicate the window.
    return withPublishSpan(envelope, this.options.exchange, (headers) =>
      confirmPublish(channel, this.options.exchange, row.type, Buffer.from(JSON.stringify(row.envelope)), {
        ...publishOptions(row.id, row.type),
        headers,
        mandatory: true,
        ...(envelope.correlationid ? { correlationId: envelope.correlationid } : {}),
        ...(envelope.source ? { appId: envelope.source } : {}),
      }),
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
