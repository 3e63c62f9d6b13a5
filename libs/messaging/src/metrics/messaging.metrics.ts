import type { Database } from '@agora/database';
import type { ChannelModel } from 'amqplib';
import { sql } from 'drizzle-orm';
import { Gauge, Histogram, type Registry } from 'prom-client';
import type { BrokerConnection } from '../broker/broker.connection';
import type { TopologyNames } from '../broker/topology';
import { withinDeadline } from '../deadline';

/** Queue depths are read this often, on their own schedule: a scrape never waits for RabbitMQ. */
export const QUEUE_DEPTH_INTERVAL_MS = 15_000;
/** Each broker or database read for a metric gives up after this long; the last value stays. */
export const METRIC_READ_TIMEOUT_MS = 2_000;
/** Unsent rows are counted up to this many: the count says "a backlog", not its exact size. */
export const OUTBOX_COUNT_LIMIT = 10_000;
/** Seconds from an event's recording to its delivery. */
const LAG_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

/** Delivery lag: how long after its recording each event reached this consumer. */
export function deliveryLagHistogram(): Histogram {
  return new Histogram({
    name: 'agora_event_delivery_lag_seconds',
    help: 'Time from an event being recorded to its delivery to this service (consumer lag).',
    buckets: LAG_BUCKETS,
    registers: [],
  });
}

/** Seconds since the event's `time`, for `deliveryLagHistogram`. */
export function secondsSince(time: string): number {
  return Math.max(0, (Date.now() - Date.parse(time)) / 1000);
}

/** `work`'s value, or a rejection once METRIC_READ_TIMEOUT_MS passed (the gauges keep their last values). */
async function withDeadline<T>(work: Promise<T>): Promise<T> {
  const result = await withinDeadline(work, METRIC_READ_TIMEOUT_MS);
  if (!result.done) throw new Error(`no answer within ${METRIC_READ_TIMEOUT_MS} ms`);
  return result.value;
}

/** Outbox lag (age of the oldest unsent row) and backlog, read from the database at each scrape. */
export function registerOutboxGauges(registry: Registry, db: Database): void {
  const backlog = new Gauge({
    name: 'agora_outbox_unsent',
    help: `Outbox rows not yet published (counted up to ${OUTBOX_COUNT_LIMIT}).`,
    registers: [registry],
  });
  new Gauge({
    name: 'agora_outbox_lag_seconds',
    help: 'Age of the oldest outbox row not yet published; 0 when the outbox is drained.',
    registers: [registry],
    async collect() {
      try {
        // Both walk the partial index of unsent rows; the count stops at its limit.
        const { rows } = await withDeadline(
          db.execute<{ age: number | null; unsent: number }>(sql`
            SELECT (SELECT EXTRACT(EPOCH FROM now() - recorded_at) FROM messaging_outbox WHERE sent_at IS NULL ORDER BY id LIMIT 1)::float8 AS age,
                   (SELECT count(*) FROM (SELECT 1 FROM messaging_outbox WHERE sent_at IS NULL LIMIT ${OUTBOX_COUNT_LIMIT}) AS unsent)::int AS unsent`),
        );
        this.set(Math.max(0, Number(rows[0]?.age ?? 0)));
        backlog.set(Number(rows[0]?.unsent ?? 0));
      } catch {
        // The database is away or slow: readiness reports it; the gauges keep their last values.
      }
    },
  });
}

/**
 * Depth of the service's queue (messages waiting: the consumer's lag in messages) and of its
 * dead-letter queue, read every `QUEUE_DEPTH_INTERVAL_MS` with `checkQueue` on a short-lived
 * channel. Bounded: two reads per interval, each with a deadline, whatever the traffic.
 */
export class QueueDepthProbe {
  private model?: ChannelModel;
  private timer?: NodeJS.Timeout;
  private readonly depth: Gauge<'queue'>;

  constructor(
    registry: Registry,
    private readonly connection: BrokerConnection,
    private readonly names: TopologyNames,
    /** True once the service consumes, so its queues exist (a publisher-only service has none). */
    private readonly consumes: () => boolean,
  ) {
    this.depth = new Gauge({
      name: 'agora_queue_messages',
      help: "Messages waiting in the service's queue and in its dead-letter queue, by queue.",
      labelNames: ['queue'],
      registers: [registry],
    });
  }

  start(): void {
    // Listeners run in order, so the consumer has declared its queues when this one runs.
    this.connection.onConnect(async (model) => {
      this.model = model;
      void this.probe();
    });
    this.timer = setInterval(() => void this.probe(), QUEUE_DEPTH_INTERVAL_MS).unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.model = undefined;
  }

  private async probe(): Promise<void> {
    const model = this.model;
    if (!model || !this.consumes()) return;
    try {
      const channel = await withDeadline(model.createChannel());
      channel.on('error', () => undefined); // a missing queue closes the channel; the next probe opens another
      try {
        for (const queue of [this.names.queue, this.names.deadLetterQueue]) {
          const { messageCount } = await withDeadline(channel.checkQueue(queue));
          this.depth.set({ queue }, messageCount);
        }
      } finally {
        await channel.close().catch(() => undefined);
      }
    } catch {
      // The broker is away: readiness says so; the gauges keep their last values.
    }
  }
}
