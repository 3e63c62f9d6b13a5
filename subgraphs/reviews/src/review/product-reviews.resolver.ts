import type { Connection, SubgraphContext } from '@agora/subgraph';
import { Args, Context, Float, Int, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Product } from './models/product.model';
import { ReviewConnection } from './models/review-connection.model';
import type { Review } from './models/review.model';
import { ReviewLoaders } from './review.loaders';

@Resolver(() => Product)
export class ProductReviewsResolver {
  constructor(private readonly loaders: ReviewLoaders) {}

  // Any id may have reviews (none); catalog says whether the product exists.
  @ResolveReference()
  resolveReference(reference: { id: string }): Product {
    return { id: reference.id };
  }

  @ResolveField(() => ReviewConnection, { nullable: true, description: "The product's reviews, newest first." })
  reviews(
    @Parent() product: Product,
    @Context() context: SubgraphContext,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: '1 to 100.' }) first: number | null,
    @Args('after', { type: () => String, nullable: true, description: 'The endCursor of the previous page.' }) after: string | null,
  ): Promise<Connection<Review>> {
    return this.loaders.connection(context, 'product', product.id, first, after);
  }

  @ResolveField(() => Float, { nullable: true, description: 'The mean rating of its reviews, from 1 to 5; null while it has none.' })
  async averageRating(@Parent() product: Product, @Context() context: SubgraphContext): Promise<number | null> {
    return (await this.loaders.stats(context, 'product', product.id)).averageRating;
  }

  @ResolveField(() => Int, { nullable: true, description: 'How many reviews it has.' })
  async reviewCount(@Parent() product: Product, @Context() context: SubgraphContext): Promise<number> {
    return (await this.loaders.stats(context, 'product', product.id)).count;
  }
}
