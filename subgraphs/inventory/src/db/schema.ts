import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Units on hand per product; a product inventory has never heard of has none. */
export const stockLevels = pgTable(
  'stock_levels',
  {
    productId: uuid('product_id').primaryKey(),
    available: integer('available').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // The database itself refuses to oversell, whatever the application does.
  (table) => [check('stock_levels_available_non_negative', sql`${table.available} >= 0`)],
);

/** What was reserved for each order, so a cancellation releases exactly that. */
export const reservations = pgTable(
  'reservations',
  {
    orderId: uuid('order_id').notNull(),
    productId: uuid('product_id').notNull(),
    quantity: integer('quantity').notNull(),
    status: text('status', { enum: ['RESERVED', 'RELEASED'] })
      .notNull()
      .default('RESERVED'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    releasedAt: timestamp('released_at', { withTimezone: true }),
  },
  (table) => [
    primaryKey({ columns: [table.orderId, table.productId] }),
    index('reservations_product_idx').on(table.productId),
    check('reservations_quantity_positive', sql`${table.quantity} > 0`),
  ],
);

export const ORDER_STATES = ['RESERVED', 'REJECTED', 'CANCELLED'] as const;
export type OrderState = (typeof ORDER_STATES)[number];

/**
 * Every order inventory has heard of, placed or cancelled, and where it stands. Its primary key
 * serialises the placement and the cancellation of one order (a second insert waits for the
 * first to commit), and a CANCELLED row written before the placement arrived (the two crossed on
 * the wire) makes that placement reserve nothing.
 */
export const orderStates = pgTable('order_states', {
  orderId: uuid('order_id').primaryKey(),
  state: text('state', { enum: ORDER_STATES }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type StockLevelRow = typeof stockLevels.$inferSelect;
