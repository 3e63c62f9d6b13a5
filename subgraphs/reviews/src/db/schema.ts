import { uuidv7 } from '@agora/contracts';
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

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
    /** Whether the author had a confirmed order of the product when posting; fixed then, as ReviewPosted said. */
    verifiedPurchase: boolean('verified_purchase').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // One review per user and product; also serves a user's reviews.
    unique('reviews_author_product_unique').on(table.authorId, table.productId),
    // A product's reviews, newest first, with the id as tie-breaker for keyset pagination.
    index('reviews_product_created_idx').on(table.productId, table.createdAt, table.id),
    // A user's reviews, newest first.
    index('reviews_author_created_idx').on(table.authorId, table.createdAt, table.id),
    check('reviews_rating_range', sql`${table.rating} BETWEEN 1 AND 5`),
  ],
);

/**
 * Who bought what, one row per confirmed order and product, from orders' confirmations: a review
 * by someone with any row for the product is a verified purchase. A cancellation deletes its
 * order's rows, so a purchase counts only while one of its orders stands.
 */
export const purchases = pgTable(
  'purchases',
  {
    userId: uuid('user_id').notNull(),
    productId: uuid('product_id').notNull(),
    orderId: uuid('order_id').notNull(),
    purchasedAt: timestamp('purchased_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.productId, table.orderId] }),
    // A cancellation removes its order's rows.
    index('purchases_order_idx').on(table.orderId),
  ],
);

/**
 * Orders cancelled, from `orders.order.cancelled.v1`: events may arrive out of order, so a
 * confirmation that comes after its order's cancellation must not record a purchase.
 */
export const cancelledOrders = pgTable('cancelled_orders', {
  orderId: uuid('order_id').primaryKey(),
  cancelledAt: timestamp('cancelled_at', { withTimezone: true }).notNull(),
});

/**
 * The products catalog announced, from `catalog.product.created.v1`, so that a review of a
 * product that does not exist is refused without asking catalog.
 */
export const knownProducts = pgTable('known_products', {
  id: uuid('id').primaryKey(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

export type ReviewRow = typeof reviews.$inferSelect;
export type PurchaseRow = typeof purchases.$inferSelect;
