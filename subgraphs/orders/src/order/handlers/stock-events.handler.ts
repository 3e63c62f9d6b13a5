import { anyOf } from '@agora/database';
import { type EventOf, OrderConfirmed, OrderRejected, StockRejected, StockReserved } from '@agora/contracts';
import { type EventContext, OnEvent } from '@agora/messaging';
import { Controller, Logger } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { and, eq, sql } from 'drizzle-orm';
import type * as schema from '../../db/schema';
import { orderItems, orders, products } from '../../db/schema';
import { rejectionReason } from '../order.rules';

/**
 * The saga's answer from inventory. Only a PENDING order moves; any other status (a cancel that
 * crossed the reservation on the wire, or a duplicate) changes nothing: inventory releases a
 * cancelled order's stock on its own.
 */
@Controller()
export class StockEventsHandler {
  private readonly logger = new Logger(StockEventsHandler.name);

  @OnEvent(StockReserved)
  async onStockReserved(@Payload() event: EventOf<typeof StockReserved>, @Ctx() ctx: EventContext<typeof schema>): Promise<void> {
    const now = new Date();
    // The order's lines come back with the update (one statement, not a second select).
    const [order] = await ctx.tx
      .update(orders)
      .set({ status: 'CONFIRMED', updatedAt: now })
      .where(and(eq(orders.id, event.orderId), eq(orders.status, 'PENDING')))
      .returning({
        id: orders.id,
        userId: orders.userId,
        totalCents: orders.totalCents,
        items: sql<{ productId: string; quantity: number }[]>`(
          SELECT coalesce(json_agg(json_build_object('productId', ${orderItems.productId}, 'quantity', ${orderItems.quantity}) ORDER BY ${orderItems.productId}), '[]')
          FROM ${orderItems} WHERE ${orderItems.orderId} = ${orders.id})`,
      });
    if (!order) return this.unchanged(ctx, event.orderId, 'reserved');
    await ctx.record(OrderConfirmed, {
      orderId: order.id,
      userId: order.userId,
      items: order.items,
      totalCents: order.totalCents,
      confirmedAt: now.toISOString(),
    });
  }

  @OnEvent(StockRejected)
  async onStockRejected(@Payload() event: EventOf<typeof StockRejected>, @Ctx() ctx: EventContext<typeof schema>): Promise<void> {
    const names = await this.productNames(
      ctx,
      event.orderId,
      event.shortages.map((shortage) => shortage.productId),
    );
    const reason = rejectionReason(event.shortages, (productId) => names.get(productId));
    const now = new Date();
    const [order] = await ctx.tx
      .update(orders)
      .set({ status: 'REJECTED', rejectionReason: reason, updatedAt: now })
      .where(and(eq(orders.id, event.orderId), eq(orders.status, 'PENDING')))
      .returning();
    if (!order) return this.unchanged(ctx, event.orderId, 'rejected');
    await ctx.record(OrderRejected, { orderId: order.id, userId: order.userId, reason, rejectedAt: now.toISOString() });
  }

  /** Names as the buyer saw them on the order, else from the product copy. */
  private async productNames(ctx: EventContext<typeof schema>, orderId: string, productIds: string[]): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    const lines = await ctx.tx
      .select({ productId: orderItems.productId, name: orderItems.productName })
      .from(orderItems)
      .where(and(eq(orderItems.orderId, orderId), anyOf(orderItems.productId, productIds)));
    for (const line of lines) names.set(line.productId, line.name);
    const missing = productIds.filter((id) => !names.has(id));
    if (missing.length > 0) {
      const copies = await ctx.tx.select({ id: products.id, name: products.name }).from(products).where(anyOf(products.id, missing));
      for (const copy of copies) if (copy.name !== null) names.set(copy.id, copy.name);
    }
    return names;
  }

  private unchanged(ctx: EventContext<typeof schema>, orderId: string, answer: string): void {
    this.logger.log(
      `stock ${answer} for order ${orderId}, which is not PENDING (or unknown): nothing to change (event ${ctx.envelope.id})`,
    );
  }
}
