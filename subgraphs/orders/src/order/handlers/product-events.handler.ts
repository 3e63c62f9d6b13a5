import { type EventOf, ProductCreated, ProductPriceChanged } from '@agora/contracts';
import { type EventContext, OnEvent } from '@agora/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { sql } from 'drizzle-orm';
import type * as schema from '../../db/schema';
import { products } from '../../db/schema';

/**
 * Keeps orders' copy of catalog's product names and prices. Events may arrive in any order: each
 * price carries catalog's time (`priceAsOf`), and a price only replaces an older one.
 */
@Controller()
export class ProductEventsHandler {
  @OnEvent(ProductCreated)
  async onProductCreated(@Payload() event: EventOf<typeof ProductCreated>, @Ctx() ctx: EventContext<typeof schema>): Promise<void> {
    await ctx.tx
      .insert(products)
      .values({ id: event.productId, name: event.name, priceCents: event.priceCents, priceAsOf: new Date(event.createdAt) })
      .onConflictDoUpdate({
        // A price change seen first left a nameless row with a newer price: keep that price.
        target: products.id,
        set: {
          name: sql`excluded.name`,
          priceCents: sql`CASE WHEN ${products.priceAsOf} < excluded.price_as_of THEN excluded.price_cents ELSE ${products.priceCents} END`,
          priceAsOf: sql`GREATEST(${products.priceAsOf}, excluded.price_as_of)`,
        },
      });
  }

  @OnEvent(ProductPriceChanged)
  async onPriceChanged(@Payload() event: EventOf<typeof ProductPriceChanged>, @Ctx() ctx: EventContext<typeof schema>): Promise<void> {
    await ctx.tx
      .insert(products)
      // Before its ProductCreated: no name yet, so the product cannot be ordered until it arrives.
      .values({ id: event.productId, name: null, priceCents: event.priceCents, priceAsOf: new Date(event.changedAt) })
      .onConflictDoUpdate({
        target: products.id,
        set: { priceCents: sql`excluded.price_cents`, priceAsOf: sql`excluded.price_as_of` },
        where: sql`${products.priceAsOf} <= excluded.price_as_of`,
      });
  }
}
