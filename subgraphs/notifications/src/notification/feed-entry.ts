import type { EventContext } from '@agora/messaging';
import type * as schema from '../db/schema';
import { notifications } from '../db/schema';

type NewNotification = typeof notifications.$inferInsert;

/**
 * Adds a notification to a user's feed within the event's transaction. The inbox skips a
 * redelivered event; the unique indexes also keep a second event about the same fact (say, a
 * replayed copy with a new id) from adding a second notification.
 */
export function addToFeed(ctx: EventContext<typeof schema>, notification: NewNotification): Promise<unknown> {
  return ctx.tx.insert(notifications).values(notification).onConflictDoNothing();
}
