import { requireOwnerOrAdmin, type Viewer } from '@agora/auth';
import { OrderCancelled, OrderPlaced, uuidv7 } from '@agora/contracts';
import { type Database, InjectDatabase, anyOf } from '@agora/database';
import { BadUserInputError, NotFoundError } from '@agora/graphql';
import { Outbox } from '@agora/messaging';
import { Injectable } from '@nestjs/common';
import { and, asc, count, desc, eq, type SQL, sql } from 'drizzle-orm';
import type * as schema from '../db/schema';
import { type OrderItemRow, orderItems, type OrderRow, orders, type OrderStatusName, products } from '../db/schema';
import { normalizeOrderItems, type RequestedItem } from './order.rules';

export type OrderWithItemsRow = OrderRow & { readonly items: readonly OrderItemRow[] };

/** The largest value of a PostgreSQL `integer`, the type of every cents column. */
const MAX_CENTS = 2_147_483_647;
const CANCELLABLE: readonly OrderStatusName[] = ['PENDING', 'CONFIRMED'];

/** A keyset page of one user's orders, newest first. */
export interface OrdersPageQuery {
  readonly userId: string;
  /** Rows to fetch: the page size plus one, to learn whether a next page exists. */
  readonly limit: number;
  /** The (createdAt, id) of the last order of the previous page. */
  readonly after?: readonly [Date, string];
}

@Injectable()
export class OrderService {
  constructor(
    @InjectDatabase() private readonly db: Database<typeof schema>,
    private readonly outbox: Outbox,
  ) {}

  /**
   * Orders by id with their items, in one statement (drizzle aggregates the items per order);
   * missing ids are simply absent from the map.
   */
  async findByIds(ids: readonly string[]): Promise<Map<string, OrderWithItemsRow>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.query.orders.findMany({
      where: anyOf(orders.id, ids),
      with: { items: { orderBy: [asc(orderItems.productName), asc(orderItems.productId)] } },
    });
    return new Map(rows.map((row) => [row.id, row]));
  }

  /**
   * Stores a PENDING order priced from the local product copy and records OrderPlaced in the same
   * transaction; inventory answers later.
   */
  async place(userId: string, requested: readonly RequestedItem[]): Promise<OrderWithItemsRow> {
    const items = normalizeOrderItems(requested);
    const ids = items.map((item) => item.productId);
    const known = new Map((await this.db.select().from(products).where(anyOf(products.id, ids))).map((row) => [row.id, row]));
    const now = new Date();
    const order = { id: uuidv7(), userId, status: 'PENDING' as const, createdAt: now, updatedAt: now, rejectionReason: null };
    const lines: OrderItemRow[] = [];
    const unknown: string[] = [];
    for (const item of items) {
      const product = known.get(item.productId);
      // A nameless copy saw a price change before the product's creation: not orderable yet.
      if (!product?.name) unknown.push(item.productId);
      else lines.push({ orderId: order.id, ...item, unitPriceCents: product.priceCents, productName: product.name });
    }
    if (unknown.length > 0) {
      throw new BadUserInputError(
        `Unknown product ${unknown.join(', ')}: no product has this id (a product created a moment ago can take a moment to be orderable).`,
        'items',
      );
    }
    const totalCents = lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
    if (totalCents > MAX_CENTS) {
      throw new BadUserInputError(`The order's total of ${totalCents} cents is more than one order can hold; split it.`, 'items');
    }
    // The order, its lines and OrderPlaced in one statement: one round trip, one transaction.
    await this.outbox.recordWith(
      this.db,
      [this.db.insert(orders).values({ ...order, totalCents }), this.db.insert(orderItems).values(lines)],
      OrderPlaced,
      {
        orderId: order.id,
        userId,
        items: lines.map((line) => ({ productId: line.productId, quantity: line.quantity, unitPriceCents: line.unitPriceCents })),
        totalCents,
        placedAt: now.toISOString(),
      },
    );
    return { ...order, totalCents, items: lines };
  }

  /**
   * Cancels a PENDING or CONFIRMED order for its owner or an ADMIN, recording OrderCancelled in
   * the same transaction. The row lock serialises it with inventory's answer for the same order.
   */
  async cancel(viewer: Viewer, id: string): Promise<OrderWithItemsRow> {
    return this.db.transaction(async (tx) => {
      const [order] = await tx.select().from(orders).where(eq(orders.id, id)).for('update');
      if (!order) throw new NotFoundError('Order', id);
      requireOwnerOrAdmin(viewer, order.userId, 'cancel orders');
      if (!CANCELLABLE.includes(order.status)) {
        throw new BadUserInputError(`Order ${id} is ${order.status}; only PENDING or CONFIRMED orders can be cancelled.`, 'id');
      }
      const now = new Date();
      const [cancelled] = await tx.update(orders).set({ status: 'CANCELLED', updatedAt: now }).where(eq(orders.id, id)).returning();
      await this.outbox.record(tx, OrderCancelled, {
        orderId: id,
        userId: order.userId,
        previousStatus: order.status as 'PENDING' | 'CONFIRMED',
        cancelledAt: now.toISOString(),
      });
      const items = await tx
        .select()
        .from(orderItems)
        .where(eq(orderItems.orderId, id))
        .orderBy(asc(orderItems.productName), asc(orderItems.productId));
      return { ...order, ...cancelled, items };
    });
  }

  /** One page of a user's orders with their items, newest first, and how many orders they have. */
  async pageOfUser(query: OrdersPageQuery): Promise<{ rows: OrderWithItemsRow[]; totalCount: number }> {
    const mine = eq(orders.userId, query.userId);
    const where: SQL | undefined = query.after
      ? and(mine, sql`(${orders.createdAt}, ${orders.id}) < (${query.after[0].toISOString()}::timestamptz, ${query.after[1]}::uuid)`)
      : mine;
    const [rows, [total]] = await Promise.all([
      this.db.query.orders.findMany({
        where,
        orderBy: [desc(orders.createdAt), desc(orders.id)],
        limit: query.limit,
        with: { items: { orderBy: [asc(orderItems.productName), asc(orderItems.productId)] } },
      }),
      this.db.select({ value: count() }).from(orders).where(mine),
    ]);
    return { rows, totalCount: total?.value ?? 0 };
  }
}
