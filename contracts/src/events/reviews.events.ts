import { z } from 'zod';
import { defineEvent } from '../event-contract';
import { id, instant } from './fields';

const SOURCE = '/agora/reviews';

export const ReviewPosted = defineEvent({
  type: 'reviews.review.posted.v1',
  source: SOURCE,
  description: "A review was posted; catalog updates the product's rating summary.",
  schema: z.object({
    reviewId: id(),
    productId: id(),
    authorId: id(),
    rating: z.number().int().min(1).max(5),
    verifiedPurchase: z.boolean(),
    postedAt: instant(),
  }),
});
