import type { EventEnvelope } from '@agora/contracts';
import type { Database } from '@agora/database';
import { sql } from 'drizzle-orm';
import type { Transaction } from '../consumer/event.context';

export type InboxResult = 'applied' | 'duplicate';

/**
 * Applies an event at most once per consumer: `apply` runs in a transaction that first inserts the
 * inbox row `(consumer, event id)`; a conflict means the event was applied already and nothing
 * runs. The row commits with the effects, or neither does.
 */
export class Inbox {
  constructor(
    private readonly db: Database,
    private readonly consumer: string,
  ) {}

  applyOnce(envelope: EventEnvelope, apply: (tx: Transaction) => Promise<void>): Promise<InboxResult> {
    return this.db.transaction(async (tx) => {
      // One fixed statement rather than the query builder: it runs for every delivery.
      const { rowCount } = await tx.execute(
        sql`INSERT INTO messaging_inbox (consumer, event_id, type) VALUES (${this.consumer}, ${envelope.id}, ${envelope.type}) ON CONFLICT DO NOTHING`,
      );
      if (rowCount === 0) return 'duplicate';
      await apply(tx as Transaction);
      return 'applied';
    });
  }
}
