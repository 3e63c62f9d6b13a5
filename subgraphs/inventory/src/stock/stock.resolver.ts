import { CurrentViewer, requireAdmin, type Viewer } from '@agora/auth';
import { UUID_PATTERN } from '@agora/contracts';
import { loadById, type SubgraphContext } from '@agora/subgraph';
import { Args, ID, Int, Mutation, Resolver, ResolveReference } from '@nestjs/graphql';
import { UnknownProductError } from './errors/unknown-product.error';
import { Product } from './models/product.model';
import { validateRestockQuantity } from './stock.rules';
import { StockService } from './stock.service';

@Resolver(() => Product)
export class StockResolver {
  constructor(private readonly stock: StockService) {}

  // Nullable: catalog serves the product's other fields, and its outage must not hide that the restock happened.
  @Mutation(() => Product, { nullable: true, description: "Adds 1 to 100000 units to a product's stock. ADMIN only." })
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
    // Every well-formed id has a stock level (0 when unknown); only a malformed one loads as null.
    const available = await loadById(context.req, 'stock', (ids) => this.stock.availableByIds(ids), reference.id);
    return available === null ? null : toProduct(reference.id, available);
  }
}

function toProduct(id: string, stock: number): Product {
  return Object.assign(new Product(), { id, stock });
}
