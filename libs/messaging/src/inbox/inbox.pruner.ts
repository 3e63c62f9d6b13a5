import type { Database } from '@agora/database';
import { Logger } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { LOG_CONTEXT, PRUNE_BATCH_SIZE } from '../constants';

export interface InboxPrunerOptions {
  readonly consumer: string;
  /** Rows older than this are deleted; longer than any path by which a message can come back. */
  readonly retentionMs: number;
  readonly intervalMs: number;
}

/**
 * Deletes the consumer's inbox rows older than the retention, every `intervalMs`, in batches of
 * `PRUNE_BATCH_SIZE` (short statements: no long transaction, no long lock). Without it the inbox
 * grows by one row per event forever.
 */
export class InboxPruner {
  private timer?: NodeJS.Timeout;
  private pass?: Promise<void>;
  private readonly logger = new Logger(LOG_CONTEXT.inbox);

  constructor(
    private readonly db: Database,
    private readonly options: InboxPrunerOptions,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.pass ??= this.prune()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.warn(`pruning the inbox failed; trying again later: ${(error as Error).message}`))
        .finally(() => (this.pass = undefined));
    }, this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.pass;
  }

  /** Deletes expired rows; returns how many. */
  async prune(): Promise<number> {
    const cutoff = new Date(Date.now() - this.options.retentionMs).toISOString();
    let total = 0;
    for (;;) {
      const result = await this.db.execute(sql`
        DELETE FROM messaging_inbox WHERE ctid IN (
          SELECT ctid FROM messaging_inbox
          WHERE consumer = ${this.options.consumer} AND processed_at < ${cutoff}
          LIMIT ${PRUNE_BATCH_SIZE})`);
      const deleted = result.rowCount ?? 0;
      total += deleted;
      if (deleted < PRUNE_BATCH_SIZE) return total;
    }
  }
}
