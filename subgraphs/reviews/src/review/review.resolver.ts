import { UUID_PATTERN } from '@agora/contracts';
import { Resolver, ResolveReference } from '@nestjs/graphql';
import { Review } from './models/review.model';
import { type ReviewWithPurchaseRow, ReviewService } from './review.service';

@Resolver(() => Review)
export class ReviewResolver {
  constructor(private readonly reviews: ReviewService) {}

  @ResolveReference()
  async resolveReference(reference: { id: string }): Promise<Review | null> {
    if (!UUID_PATTERN.test(reference.id)) return null;
    const row = (await this.reviews.findByIds([reference.id])).get(reference.id);
    return row ? toReview(row) : null;
  }
}

/** The GraphQL view of a stored review: product and author become references for the gateway. */
function toReview(row: ReviewWithPurchaseRow): Review {
  return {
    id: row.id,
    product: { id: row.productId },
    author: { id: row.authorId },
    rating: row.rating,
    body: row.body,
    verifiedPurchase: row.verifiedPurchase,
    createdAt: row.createdAt,
  };
}
