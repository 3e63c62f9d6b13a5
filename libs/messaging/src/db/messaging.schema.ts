import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Events recorded in the same transaction as the state change that caused them, waiting for the
 * relay. A row is `sent` only after RabbitMQ confirmed it; sent rows are pruned after a while.
 */
export const outbox = pgTable(
  'messaging_outbox',
  {
    /** The event id (UUIDv7, so the primary key orders rows by recording time). */
    id: uuid('id').primaryKey(),
    type: text('type').notNull(),
    /** The whole CloudEvents envelope, published as is. */
    envelope: jsonb('envelope').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /**
     * Until when a relay owns the unsent row: it claims rows in one short statement, publishes
     * without holding a lock, then marks them sent. A relay that dies leaves the claim to lapse.
     */
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
  },
  (table) => [
    // The relay claims the oldest unsent rows; a partial index keeps that scan small however many sent rows wait for pruning.
    index('messaging_outbox_unsent_idx')
      .on(table.id)
      .where(sql`sent_at IS NULL`),
    index('messaging_outbox_sent_at_idx').on(table.sentAt),
  ],
);

/** Events a consumer has applied, written in the same transaction as the effect. */
export const inbox = pgTable(
  'messaging_inbox',
  {
    consumer: text('consumer').notNull(),
    eventId: uuid('event_id').notNull(),
    type: text('type').notNull(),
    processedAt: timestamp('processed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.consumer, table.eventId] }),
    // Pruning deletes a consumer's oldest rows.
    index('messaging_inbox_processed_at_idx').on(table.consumer, table.processedAt),
  ],
);

export type OutboxRow = typeof outbox.$inferSelect;
