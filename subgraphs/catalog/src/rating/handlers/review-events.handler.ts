import { type EventOf, ReviewPosted } from '@agora/contracts';
import { type EventContext, OnEvent } from '@agora/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { sql } from 'drizzle-orm';
import type * as schema from '../../db/schema';
import { ratingSummaries } from '../../db/schema';

/** Keeps each product's review count and rating sum, so catalog sorts by rating on its own data. */
@Controller()
export class ReviewEventsHandler {
  /**
   * One atomic upsert: concurrent reviews of one product never lose a count, and a review of a
   * product whose creation catalog has not committed yet still counts. The kit's inbox makes a
   * redelivered event a no-op.
   */
  @OnEvent(ReviewPosted)
  async onReviewPosted(@Payload() event: EventOf<typeof ReviewPosted>, @Ctx() ctx: EventContext<typeof schema>): Promise<void> {
    await ctx.tx
      .insert(ratingSummaries)
      .values({ productId: event.productId, reviewCount: 1, ratingSum: event.rating })
      .onConflictDoUpdate({
        target: ratingSummaries.productId,
        set: {
          reviewCount: sql`${ratingSummaries.reviewCount} + 1`,
          ratingSum: sql`${ratingSummaries.ratingSum} + ${event.rating}`,
          updatedAt: sql`now()`,
        },
      });
  }
}
