import { CurrentViewer, requireAdmin, type Viewer } from '@agora/auth';
import { UUID_PATTERN } from '@agora/contracts';
import { requestLoader, type SubgraphContext } from '@agora/subgraph';
import { Args, ID, Int, Mutation, Resolver, ResolveReference } from '@nestjs/graphql';
import { UnknownProductError } from './errors/unknown-product.error';
import { Product } from './models/product.model';
import { validateRestockQuantity } from './stock.rules';
import { StockService } from './stock.service';

@Resolver(() => Product)
export class StockResolver {
  constructor(private readonly stock: StockService) {}

  @Mutation(() => Product, { description: "Adds 1 to 100000 units to a product's stock. ADMIN only." })
  async restock(
    @Args('productId', { type: () => ID }) productId: string,
    @Args('quantity', { type: () => Int }) quantity: number,
    @CurrentViewer() viewer: Viewer | undefined,
  ): Promise<Product> {
    requireAdmin(viewer, 'restock products');
    validateRestockQuantity(quantity);
    if (!UUID_PATTERN.test(productId)) throw new UnknownProductError(productId);
    return toProduct(productId, await this.stock.restock(productId, quantity));
  }

  /** Through the request's loader, so `_entities` with N products costs one statement. */
  @ResolveReference()
  // Nest passes __resolveReference's own arguments (reference, context) only when no parameter is decorated.
  async resolveReference(reference: { id: string }, context: SubgraphContext): Promise<Product | null> {
    if (!UUID_PATTERN.test(reference.id)) return null;
    const available = await requestLoader(context.req, 'stock', (ids: readonly string[]) => this.stock.availableByIds(ids)).load(
      reference.id,
    );
    return toProduct(reference.id, available ?? 0);
  }
}

function toProduct(id: string, stock: number): Product {
  return Object.assign(new Product(), { id, stock });
}
