import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const products = pgTable(
  'products',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    description: text('description').notNull(),
    priceCents: integer('price_cents').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('products_created_at_idx').on(table.createdAt),
    // Keyset pagination by price walks this index in either direction.
    index('products_price_id_idx').on(table.priceCents, table.id),
  ],
);

/**
 * Reviews per product, kept from `reviews.review.posted.v1` so that catalog can sort by rating
 * without asking reviews. No foreign key: a review may arrive before its product's row is visible.
 */
export const ratingSummaries = pgTable(
  'rating_summaries',
  {
    productId: uuid('product_id').primaryKey(),
    reviewCount: integer('review_count').notNull().default(0),
    ratingSum: integer('rating_sum').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [check('rating_summaries_counts_non_negative', sql`${table.reviewCount} >= 0 AND ${table.ratingSum} >= 0`)],
);

export type ProductRow = typeof products.$inferSelect;
export type RatingSummaryRow = typeof ratingSummaries.$inferSelect;
