import { CurrentViewer, requireViewer, type Viewer } from '@agora/auth';
import type { SubgraphContext } from '@agora/subgraph';
import { Args, Mutation, Resolver, ResolveReference } from '@nestjs/graphql';
import { PostReviewInput } from './dto/post-review.input';
import { Review } from './models/review.model';
import { ReviewLoaders } from './review.loaders';
import { toReview } from './review.mapper';
import { ReviewService } from './review.service';

@Resolver(() => Review)
export class ReviewResolver {
  constructor(
    private readonly reviewService: ReviewService,
    private readonly loaders: ReviewLoaders,
  ) {}

  @Mutation(() => Review, { description: 'Posts your review of a product: one per person and product.' })
  async postReview(@Args('input') input: PostReviewInput, @CurrentViewer() viewer: Viewer | undefined): Promise<Review> {
    const author = requireViewer(viewer, 'post a review');
    return toReview(await this.reviewService.post(author.id, input));
  }

  @ResolveReference()
  async resolveReference(reference: { id: string }, context: SubgraphContext): Promise<Review | null> {
    const row = await this.loaders.review(context, reference.id);
    return row ? toReview(row) : null;
  }
}
