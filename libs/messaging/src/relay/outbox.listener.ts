import { Logger } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { backoffDelay } from '../broker/backoff';
import { LOG_CONTEXT, OUTBOX_CHANNEL } from '../constants';

/**
 * Holds one pooled connection in `LISTEN` on the outbox channel and calls `onNotify` whenever a
 * transaction that recorded events commits. Losing it only costs latency (the relay also polls),
 * so it reconnects quietly with backoff.
 */
export class OutboxListener {
  private client?: PoolClient;
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
    if (!client) return;
    await client.query(`UNLISTEN ${OUTBOX_CHANNEL}`).catch(() => undefined);
    client.release();
  }

  private async listen(attempt: number): Promise<void> {
    if (!this.running) return;
    let client: PoolClient | undefined;
    try {
      const connected = await this.pool.connect();
      client = connected;
      const onError = (error: Error) => this.lost(connected, error, 0);
      client.on('error', onError);
      client.on('notification', () => this.onNotify());
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      if (!this.running) {
        client.release();
        return;
      }
      this.client = client;
      this.onNotify(); // rows may have been recorded while we were not listening
    } catch (error) {
      if (client) this.lost(client, error as Error, attempt + 1);
      else this.retry(attempt + 1, error as Error);
    }
  }

  private lost(client: PoolClient, error: Error, attempt: number): void {
    if (this.client === client) this.client = undefined;
    client.removeAllListeners('notification');
    client.release(error); // destroys the broken connection instead of returning it to the pool
    this.retry(attempt, error);
  }

  private retry(attempt: number, error: Error): void {
    if (!this.running) return;
    this.logger.warn(`outbox LISTEN connection failed (${error.message}); the relay polls until it is back`);
    this.timer = setTimeout(() => void this.listen(attempt), backoffDelay(attempt, this.backoff.initialDelayMs, this.backoff.maxDelayMs));
  }
}
