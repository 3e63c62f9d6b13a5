import { UUID_PATTERN } from '@agora/contracts';
import { Resolver, ResolveReference } from '@nestjs/graphql';
import { Product } from './models/product.model';
import { StockService } from './stock.service';

@Resolver(() => Product)
export class StockResolver {
  constructor(private readonly stock: StockService) {}

  @ResolveReference()
  async resolveReference(reference: { id: string }): Promise<Product | null> {
    if (!UUID_PATTERN.test(reference.id)) return null;
    const available = await this.stock.availableByIds([reference.id]);
    return Object.assign(new Product(), { id: reference.id, stock: available.get(reference.id) ?? 0 });
  }
}
