import type { EventEnvelope } from '@agora/contracts';
import type { Database } from '@agora/database';
import { inbox } from '../db/messaging.schema';
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
      const inserted = await tx
        .insert(inbox)
        .values({ consumer: this.consumer, eventId: envelope.id, type: envelope.type })
        .onConflictDoNothing()
        .returning({ eventId: inbox.eventId });
      if (inserted.length === 0) return 'duplicate';
      await apply(tx as Transaction);
      return 'applied';
    });
  }
}
