import { type EventOf, OrderCancelled, OrderConfirmed } from '@agora/contracts';
import { type EventContext, OnEvent } from '@agora/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { eq } from 'drizzle-orm';
import type * as schema from '../../db/schema';
import { cancelledOrders, purchases } from '../../db/schema';

/**
 * Who bought what (verified purchases): a confirmed order adds purchases, its cancellation removes
 * them and is remembered. Each is idempotent and tolerates the events arriving in any order: a
 * purchase of a cancelled order never counts, as the verified-purchase check skips cancelled
 * orders, so a confirmation that comes after its cancellation (or crosses it) needs no check here.
 */
@Controller()
export class OrderEventsHandler {
  @OnEvent(OrderConfirmed)
  async onOrderConfirmed(@Payload() event: EventOf<typeof OrderConfirmed>, @Ctx() ctx: EventContext<typeof schema>): Promise<void> {
    await ctx.tx
      .insert(purchases)
      .values(
        event.items.map((item) => ({
          userId: event.userId,
          productId: item.productId,
          orderId: event.orderId,
          purchasedAt: new Date(event.confirmedAt),
        })),
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
