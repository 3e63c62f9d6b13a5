import { uuidv7 } from '@agora/contracts';
import { relations, sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const ORDER_STATUSES = ['PENDING', 'CONFIRMED', 'REJECTED', 'CANCELLED'] as const;
export type OrderStatusName = (typeof ORDER_STATUSES)[number];

export const orders = pgTable(
  'orders',
  {
    id: uuid('id')
      .primaryKey()
      .$defaultFn(() => uuidv7()),
    userId: uuid('user_id').notNull(),
    status: text('status', { enum: ORDER_STATUSES }).notNull().default('PENDING'),
    totalCents: integer('total_cents').notNull(),
    rejectionReason: text('rejection_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (table) => [
    // A user's orders, newest first, with the id as tie-breaker for keyset pagination.
    index('orders_user_created_idx').on(table.userId, table.createdAt, table.id),
    check('orders_status_valid', sql`${table.status} IN ('PENDING', 'CONFIRMED', 'REJECTED', 'CANCELLED')`),
    check('orders_total_non_negative', sql`${table.totalCents} >= 0`),
    check('orders_rejection_reason_only_when_rejected', sql`${table.status} = 'REJECTED' OR ${table.rejectionReason} IS NULL`),
  ],
);

/** What was ordered, priced and named as the local product copy said when the order was placed. */
export const orderItems = pgTable(
  'order_items',
  {
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    productId: uuid('product_id').notNull(),
    quantity: integer('quantity').notNull(),
    unitPriceCents: integer('unit_price_cents').notNull(),
    productName: text('product_name').notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.orderId, table.productId] }),
    check('order_items_quantity_positive', sql`${table.quantity} > 0`),
    check('order_items_unit_price_non_negative', sql`${table.unitPriceCents} >= 0`),
  ],
);

/**
 * orders' own copy of catalog's products, kept from catalog's events, so that placing an order
 * needs no call to catalog. The id is catalog's. Events may arrive out of order: a price change
 * seen before its product's creation leaves a row without a name (not orderable yet), and
 * `priceAsOf` (catalog's time of the price held) keeps an older price from overwriting a newer one.
 */
export const products = pgTable(
  'products',
  {
    id: uuid('id').primaryKey(),
    name: text('name'),
    priceCents: integer('price_cents').notNull(),
    priceAsOf: timestamp('price_as_of', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (table) => [check('products_price_non_negative', sql`${table.priceCents} >= 0`)],
);

export const ordersRelations = relations(orders, ({ many }) => ({ items: many(orderItems) }));
export const orderItemsRelations = relations(orderItems, ({ one }) => ({
  order: one(orders, { fields: [orderItems.orderId], references: [orders.id] }),
}));

export type OrderRow = typeof orders.$inferSelect;
export type OrderItemRow = typeof orderItems.$inferSelect;
export type ProductRow = typeof products.$inferSelect;
