import { prepareDatabase } from '@agora/database';
import { publishOptions, resolveMessagingOptions } from '@agora/messaging';
import { randomUUID } from 'node:crypto';
import amqp from 'amqplib';
import pg from 'pg';

/**
 * The raw ceiling of one event hop on this machine, in a process of its own: amqplib publishing
 * persistent messages to a quorum queue with a window of outstanding confirms (the relay's batch
 * size), a consumer with the kit's prefetch that writes each message to an inbox table in one
 * PostgreSQL transaction before acking it. No framework, no outbox, no validation.
 * argv: JSON { amqpUrl, databaseUrl, queue, count }. Prints { messages, seconds }.
 */
interface RawSpec {
  readonly amqpUrl: string;
  readonly databaseUrl: string;
  readonly queue: string;
  readonly count: number;
}

const CONSUMER_NAME = 'raw';

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '') as RawSpec;
  // The same window and prefetch as Agora's relay and consumers.
  const defaults = resolveMessagingOptions({ service: CONSUMER_NAME, url: spec.amqpUrl });
  const window = defaults.relay.batchSize;
  const prefetch = defaults.consumer.prefetch;
  await prepareDatabase({ url: spec.databaseUrl, migrations: [] });
  const pool = new pg.Pool({ connectionString: spec.databaseUrl, max: prefetch });
  await pool.query(
    'CREATE TABLE IF NOT EXISTS raw_inbox (consumer text NOT NULL, event_id uuid NOT NULL, type text NOT NULL, processed_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (consumer, event_id))',
  );
  // As the kit connects: without Nagle's delay on publishes, confirms and acks.
  const connection = await amqp.connect(spec.amqpUrl, { noDelay: true });
  try {
    const publisher = await connection.createConfirmChannel();
    const consumer = await connection.createChannel();
    await publisher.assertQueue(spec.queue, { durable: true, arguments: { 'x-queue-type': 'quorum' } });
    await consumer.prefetch(prefetch);
    let consumed = 0;
    let finish!: () => void;
    const done = new Promise<void>((resolve) => (finish = resolve));
    await consumer.consume(spec.queue, (message) => {
      if (!message) return;
      const eventId = message.properties.messageId as string;
      void (async () => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          await client.query('INSERT INTO raw_inbox (consumer, event_id, type) VALUES ($1, $2, $3)', [
            CONSUMER_NAME,
            eventId,
            message.properties.type,
          ]);
          await client.query('COMMIT');
        } finally {
          client.release();
        }
        consumer.ack(message);
        consumed += 1;
        if (consumed === spec.count) finish();
      })();
    });
    const started = performance.now();
    let outstanding = 0;
    let windowFreed: (() => void) | undefined;
    for (let index = 0; index < spec.count; index += 1) {
      while (outstanding >= window) await new Promise<void>((resolve) => (windowFreed = resolve));
      const id = randomUUID();
      const body = Buffer.from(
        JSON.stringify({ specversion: '1.0', id, type: 'bench.raw.v1', source: '/bench', data: { padding: 'x'.repeat(300) } }),
      );
      outstanding += 1;
      publisher.publish('', spec.queue, body, publishOptions(id, 'bench.raw.v1'), (error) => {
        if (error) throw new Error(`publish not confirmed: ${String(error)}`);
        outstanding -= 1;
        windowFreed?.();
      });
    }
    await done;
    const seconds = (performance.now() - started) / 1000;
    await publisher.deleteQueue(spec.queue);
    process.stdout.write(JSON.stringify({ messages: spec.count, seconds }));
  } finally {
    await connection.close();
    await pool.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
