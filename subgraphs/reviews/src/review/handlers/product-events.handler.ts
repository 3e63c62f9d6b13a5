import { type EventOf, ProductCreated } from '@agora/contracts';
import { type EventContext, OnEvent } from '@agora/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type * as schema from '../../db/schema';
import { knownProducts } from '../../db/schema';

/** Which products exist, to refuse reviews of unknown ones. Idempotent. */
@Controller()
export class ProductEventsHandler {
  @OnEvent(ProductCreated)
  async onProductCreated(@Payload() event: EventOf<typeof ProductCreated>, @Ctx() ctx: EventContext<typeof schema>): Promise<void> {
    await ctx.tx
      .insert(knownProducts)
      .values({ id: event.productId, createdAt: new Date(event.createdAt) })
      .onConflictDoNothing({ target: knownProducts.id });
  }
}
