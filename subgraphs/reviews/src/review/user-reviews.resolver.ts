import type { Connection, SubgraphContext } from '@agora/subgraph';
import { Args, Context, Int, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { ReviewConnection } from './models/review-connection.model';
import type { Review } from './models/review.model';
import { User } from './models/user.model';
import { ReviewLoaders } from './review.loaders';

@Resolver(() => User)
export class UserReviewsResolver {
  constructor(private readonly loaders: ReviewLoaders) {}

  // Any id may have reviews (none); accounts says whether the user exists.
  @ResolveReference()
  resolveReference(reference: { id: string }): User {
    return { id: reference.id };
  }

  @ResolveField(() => ReviewConnection, { nullable: true, description: 'The reviews the user wrote, newest first. Reviews are public.' })
  reviews(
    @Parent() user: User,
    @Context() context: SubgraphContext,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: '1 to 100.' }) first: number | null,
    @Args('after', { type: () => String, nullable: true, description: 'The endCursor of the previous page.' }) after: string | null,
  ): Promise<Connection<Review>> {
    return this.loaders.connection(context, 'author', user.id, first, after);
  }
}
