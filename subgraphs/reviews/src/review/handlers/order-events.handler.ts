import { type EventOf, OrderCancelled, OrderConfirmed } from '@agora/contracts';
import { type EventContext, OnEvent } from '@agora/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { eq, sql } from 'drizzle-orm';
import type * as schema from '../../db/schema';
import { cancelledOrders, purchases } from '../../db/schema';

/**
 * Who bought what (verified purchases): a confirmed order adds purchases, its cancellation removes
 * them. Each is idempotent and tolerates the events arriving in any order; a confirmation handled
 * at the same moment as its cancellation may leave a purchase behind, which never counts (the
 * verified-purchase check skips cancelled orders).
 */
@Controller()
export class OrderEventsHandler {
  @OnEvent(OrderConfirmed)
  async onOrderConfirmed(@Payload() event: EventOf<typeof OrderConfirmed>, @Ctx() ctx: EventContext<typeof schema>): Promise<void> {
    // One statement: a purchase per product, unless the cancellation overtook the confirmation
    // (then the order never counts).
    await ctx.tx
      .insert(purchases)
      .select(
        sql`SELECT ${event.userId}::uuid, product_id, ${event.orderId}::uuid, ${event.confirmedAt}::timestamptz
            FROM unnest(${sql.param(event.items.map((item) => item.productId))}::uuid[]) AS product_id
            WHERE NOT EXISTS (SELECT FROM ${cancelledOrders} WHERE ${cancelledOrders.orderId} = ${event.orderId})`,
      )
      .onConflictDoNothing({ target: [purchases.userId, purchases.productId, purchases.orderId] });
  }

  /** A review already posted keeps the `verifiedPurchase` it was posted with; later ones do not count this order. */
  @OnEvent(OrderCancelled)
  async onOrderCancelled(@Payload() event: EventOf<typeof OrderCancelled>, @Ctx() ctx: EventContext<typeof schema>): Promise<void> {
    await ctx.tx
      .insert(cancelledOrders)
      .values({ orderId: event.orderId, cancelledAt: new Date(event.cancelledAt) })
      .onConflictDoNothing({ target: cancelledOrders.orderId });
    await ctx.tx.delete(purchases).where(eq(purchases.orderId, event.orderId));
  }
}
