import { Module } from '@nestjs/common';
import { OrderEventsHandler } from './handlers/order-events.handler';
import { ProductEventsHandler } from './handlers/product-events.handler';
import { ProductReviewsResolver } from './product-reviews.resolver';
import { ReviewLoaders } from './review.loaders';
import { ReviewResolver } from './review.resolver';
import { ReviewService } from './review.service';
import { UserReviewsResolver } from './user-reviews.resolver';

/** Reviews: the GraphQL surface on Review, Product and User, and the events it consumes. */
@Module({
  controllers: [OrderEventsHandler, ProductEventsHandler],
  providers: [ReviewResolver, ProductReviewsResolver, UserReviewsResolver, ReviewService, ReviewLoaders],
})
export class ReviewModule {}
