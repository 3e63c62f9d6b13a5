import { uuidv7 } from '@agora/contracts';
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

export const reviews = pgTable(
  'reviews',
  {
    id: uuid('id')
      .primaryKey()
      .$defaultFn(() => uuidv7()),
    productId: uuid('product_id').notNull(),
    authorId: uuid('author_id').notNull(),
    rating: integer('rating').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // One review per user and product; also serves a user's reviews.
    unique('reviews_author_product_unique').on(table.authorId, table.productId),
    // A product's reviews, newest first, with the id as tie-breaker for keyset pagination.
    index('reviews_product_created_idx').on(table.productId, table.createdAt, table.id),
    check('reviews_rating_range', sql`${table.rating} BETWEEN 1 AND 5`),
  ],
);

/** Who bought what, from orders' confirmations: a review by a buyer is a verified purchase. */
export const purchases = pgTable(
  'purchases',
  {
    userId: uuid('user_id').notNull(),
    productId: uuid('product_id').notNull(),
    /** The first confirmed order that contained the product. */
    orderId: uuid('order_id').notNull(),
    purchasedAt: timestamp('purchased_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.productId] })],
);

export type ReviewRow = typeof reviews.$inferSelect;
export type PurchaseRow = typeof purchases.$inferSelect;
