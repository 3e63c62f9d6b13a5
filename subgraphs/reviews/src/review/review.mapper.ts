import type { ReviewRow } from '../db/schema';
import type { Review } from './models/review.model';

/** The GraphQL view of a stored review: product and author become references for the gateway. */
export function toReview(row: ReviewRow): Review {
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
