import type { EventEnvelope } from '@agora/contracts';
import { type Database, type Transaction, transactionOn } from '@agora/database';
import type { Pool, QueryResult } from 'pg';

export type InboxResult = 'applied' | 'duplicate';

/**
 * Applies an event at most once per consumer: `apply` runs in a transaction that first inserts the
 * inbox row `(consumer, event id)`; a conflict means the event was applied already and nothing
 * runs. The row commits with the effects, or neither does.
 *
 * The transaction opens with the inbox row in one round trip (`BEGIN` and the insert as one simple
 * query), one round trip fewer per delivery than `db.transaction`, whose BEGIN goes alone.
 */
export class Inbox {
  constructor(
    private readonly db: Database,
    private readonly pool: Pool,
    private readonly consumer: string,
  ) {}

  async applyOnce(envelope: EventEnvelope, apply: (tx: Transaction) => Promise<void>): Promise<InboxResult> {
    const client = await this.pool.connect();
    // A connection whose ROLLBACK failed is in an unknown state: the pool drops it rather than reuse it.
    let broken: Error | undefined;
    try {
      // The simple protocol takes no parameters: the values go in as literals, escaped by pg.
      const opened = (await client.query(
        `BEGIN; INSERT INTO messaging_inbox (consumer, event_id, type) VALUES (${[this.consumer, envelope.id, envelope.type]
          .map((value) => client.escapeLiteral(value))
          .join(', ')}) ON CONFLICT DO NOTHING`,
      )) as unknown as QueryResult[];
      const inserted = opened[1]?.rowCount === 1;
      if (inserted) await apply(transactionOn(this.db, client));
      await client.query(inserted ? 'COMMIT' : 'ROLLBACK');
      return inserted ? 'applied' : 'duplicate';
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackFailed: Error) => (broken = rollbackFailed));
      throw error;
    } finally {
      client.release(broken);
    }
  }
}
