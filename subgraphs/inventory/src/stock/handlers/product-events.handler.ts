import { type EventOf, ProductCreated } from '@agora/contracts';
import { type EventContext, OnEvent } from '@agora/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type * as schema from '../../db/schema';
import { stockLevels } from '../../db/schema';

/** A new product starts with no stock; restock adds to it. */
@Controller()
export class ProductEventsHandler {
  @OnEvent(ProductCreated)
  async onProductCreated(@Payload() event: EventOf<typeof ProductCreated>, @Ctx() ctx: EventContext<typeof schema>): Promise<void> {
    // Never resets a level that exists: a second creation event must not wipe restocked units.
    await ctx.tx.insert(stockLevels).values({ productId: event.productId, available: 0 }).onConflictDoNothing();
  }
}
