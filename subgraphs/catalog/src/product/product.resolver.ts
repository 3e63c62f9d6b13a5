import { UUID_PATTERN } from '@agora/contracts';
import { Args, ID, Query, Resolver, ResolveReference } from '@nestjs/graphql';
import { Product } from './models/product.model';
import { ProductService } from './product.service';

@Resolver(() => Product)
export class ProductResolver {
  constructor(private readonly products: ProductService) {}

  @Query(() => Product, { nullable: true, description: 'One product, or null when no product has this id.' })
  async product(@Args('id', { type: () => ID }) id: string): Promise<Product | null> {
    if (!UUID_PATTERN.test(id)) return null;
    return (await this.products.findByIds([id])).get(id) ?? null;
  }

  @ResolveReference()
  async resolveReference(reference: { id: string }): Promise<Product | null> {
    if (!UUID_PATTERN.test(reference.id)) return null;
    return (await this.products.findByIds([reference.id])).get(reference.id) ?? null;
  }
}
