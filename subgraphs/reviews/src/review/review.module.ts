import { Module } from '@nestjs/common';
import { PurchasesHandler } from './handlers/purchases.handler';
import { ProductReviewsResolver } from './product-reviews.resolver';
import { ReviewLoaders } from './review.loaders';
import { ReviewResolver } from './review.resolver';
import { ReviewService } from './review.service';
import { UserReviewsResolver } from './user-reviews.resolver';

/** Reviews: the GraphQL surface on Review, Product and User, and the events it consumes. */
@Module({
  controllers: [PurchasesHandler],
  providers: [ReviewResolver, ProductReviewsResolver, UserReviewsResolver, ReviewService, ReviewLoaders],
})
export class ReviewModule {}
