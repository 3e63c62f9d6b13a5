import { type Database, InjectDatabase, anyOf } from '@agora/database';
import { Injectable } from '@nestjs/common';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type * as schema from '../db/schema';
import { type NotificationRow, notifications } from '../db/schema';

export interface FeedQuery {
  readonly userId: string;
  /** How many to return; the caller has bounded it. */
  readonly limit: number;
  readonly unreadOnly: boolean;
}

@Injectable()
export class NotificationService {
  constructor(@InjectDatabase() private readonly db: Database<typeof schema>) {}

  /** A user's latest notifications, newest first. */
  async feed(query: FeedQuery): Promise<NotificationRow[]> {
    return this.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, query.userId), query.unreadOnly ? isNull(notifications.readAt) : undefined))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(query.limit);
  }

  /** Marks the user's own unread notifications among `ids` read; returns how many changed. */
  async markRead(userId: string, ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const changed = await this.db
      .update(notifications)
      .set({ readAt: new Date() })
      .where(and(eq(notifications.userId, userId), anyOf(notifications.id, ids), isNull(notifications.readAt)))
      .returning({ id: notifications.id });
    return changed.length;
  }
}
