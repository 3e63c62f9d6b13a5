import { type EventOf, OrderConfirmed, ProductCreated } from '@agora/contracts';
import { type EventContext, OnEvent } from '@agora/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type * as schema from '../../db/schema';
import { knownProducts, purchases } from '../../db/schema';

/**
 * What reviews learns from other services: which products exist (to refuse reviews of unknown
 * ones) and who bought what (verified purchases). Both are idempotent inserts, whatever the order.
 */
@Controller()
export class PurchasesHandler {
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
      // The first confirmed order of a product is the one kept.
      .onConflictDoNothing({ target: [purchases.userId, purchases.productId] });
  }

  @OnEvent(ProductCreated)
  async onProductCreated(@Payload() event: EventOf<typeof ProductCreated>, @Ctx() ctx: EventContext<typeof schema>): Promise<void> {
    await ctx.tx
      .insert(knownProducts)
      .values({ id: event.productId, createdAt: new Date(event.createdAt) })
      .onConflictDoNothing({ target: knownProducts.id });
  }
}
