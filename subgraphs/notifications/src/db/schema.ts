import { uuidv7 } from '@agora/contracts';
import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const NOTIFICATION_KINDS = ['WELCOME', 'ORDER_CONFIRMED', 'ORDER_REJECTED', 'ORDER_CANCELLED'] as const;
export type NotificationKindName = (typeof NOTIFICATION_KINDS)[number];

/** Each user's in-app feed, written from other services' events. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id')
      .primaryKey()
      .$defaultFn(() => uuidv7()),
    userId: uuid('user_id').notNull(),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    message: text('message').notNull(),
    orderId: uuid('order_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (table) => [
    // A user's feed, newest first.
    index('notifications_user_created_idx').on(table.userId, table.createdAt),
    // One notification per fact, whatever the delivery: a user is welcomed once, and an order
    // is confirmed, rejected or cancelled once.
    uniqueIndex('notifications_welcome_once')
      .on(table.userId)
      .where(sql`${table.kind} = 'WELCOME'`),
    uniqueIndex('notifications_order_kind_once')
      .on(table.orderId, table.kind)
      .where(sql`${table.orderId} IS NOT NULL`),
    check('notifications_kind_valid', sql`${table.kind} IN ('WELCOME', 'ORDER_CONFIRMED', 'ORDER_REJECTED', 'ORDER_CANCELLED')`),
    check('notifications_order_id_for_order_kinds', sql`${table.kind} = 'WELCOME' OR ${table.orderId} IS NOT NULL`),
  ],
);

export type NotificationRow = typeof notifications.$inferSelect;
