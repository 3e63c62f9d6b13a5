import { Logger } from '@nestjs/common';
import pg, { type Pool } from 'pg';
import { backoffDelay } from '../broker/backoff';
import { LOG_CONTEXT, OUTBOX_CHANNEL } from '../constants';

/** Shown in `pg_stat_activity.application_name`, to tell the LISTEN connection apart. */
export const LISTENER_APPLICATION_NAME = 'agora-outbox-listener';

/**
 * Holds one connection in `LISTEN` on the outbox channel and calls `onNotify` whenever a
 * transaction that recorded events commits. The connection is its own, outside the service's
 * pool (same server and credentials): a LISTEN holds its connection for the life of the process,
 * and the pool's connections are budgeted for requests, handlers and the relay. Losing it only
 * costs latency (the relay also polls), so it reconnects quietly with backoff.
 */
export class OutboxListener {
  private client?: pg.Client;
  private readonly discarded = new WeakSet<pg.Client>();
  private running = false;
  private timer?: NodeJS.Timeout;
  private readonly logger = new Logger(LOG_CONTEXT.relay);

  constructor(
    private readonly pool: Pool,
    private readonly onNotify: () => void,
    private readonly backoff: { readonly initialDelayMs: number; readonly maxDelayMs: number },
  ) {}

  start(): void {
    this.running = true;
    void this.listen(0);
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    if (client) await this.discard(client);
  }

  private async listen(attempt: number): Promise<void> {
    if (!this.running) return;
    const client = new pg.Client({ ...this.pool.options, application_name: LISTENER_APPLICATION_NAME });
    client.on('error', (error: Error) => this.lost(client, error, 0));
    client.on('notification', () => this.onNotify());
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (error) {
      this.lost(client, error as Error, attempt + 1);
      return;
    }
    if (!this.running) {
      await this.discard(client);
      return;
    }
    this.client = client;
    this.onNotify(); // rows may have been recorded while we were not listening
  }

  private lost(client: pg.Client, error: Error, attempt: number): void {
    if (this.discarded.has(client)) return; // reported already (an error event and a failed call)
    if (this.client === client) this.client = undefined;
    void this.discard(client);
    this.retry(attempt, error);
  }

  /**
   * Ends a connection for good. Its listeners go first, so that a late error on it (the server
   * closing it) neither reconnects nor ends it twice; one no-op listener stays, so that such an
   * error cannot crash the process.
   */
  private async discard(client: pg.Client): Promise<void> {
    if (this.discarded.has(client)) return;
    this.discarded.add(client);
    client.removeAllListeners();
    client.on('error', () => undefined);
    await client.end().catch(() => undefined);
  }

  private retry(attempt: number, error: Error): void {
    if (!this.running) return;
    this.logger.warn(`outbox LISTEN connection failed (${error.message}); the relay polls until it is back`);
    this.timer = setTimeout(() => void this.listen(attempt), backoffDelay(attempt, this.backoff.initialDelayMs, this.backoff.maxDelayMs));
  }
}
