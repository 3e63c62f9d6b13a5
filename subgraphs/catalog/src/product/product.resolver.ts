import { CurrentViewer, requireAdmin, type Viewer } from '@agora/auth';
import { UUID_PATTERN } from '@agora/contracts';
import { NotFoundError } from '@agora/graphql';
import { type Connection, pageSize, loadById, type SubgraphContext } from '@agora/subgraph';
import { Args, Context, ID, Int, Mutation, Query, Resolver, ResolveReference } from '@nestjs/graphql';
import type { Request } from 'express';
import type { ProductRow } from '../db/schema';
import { CreateProductInput } from './dto/create-product.input';
import { ProductConnection } from './models/product-connection.model';
import { ProductOrder } from './models/product-order.model';
import { Product } from './models/product.model';
import { validateNewProduct, validatePriceCents } from './product.rules';
import { ProductService } from './product.service';

const DEFAULT_PAGE_SIZE = 20;
const DEFAULT_TOP_PRODUCTS = 5;

@Resolver(() => Product)
export class ProductResolver {
  constructor(private readonly catalog: ProductService) {}

  @Query(() => Product, { nullable: true, description: 'One product, or null when no product has this id.' })
  product(@Args('id', { type: () => ID }) id: string, @Context('req') req: Request): Promise<Product | null> {
    return this.load(req, id);
  }

  @Query(() => ProductConnection, { description: 'Products, a page at a time; `search` matches name or description, ignoring case.' })
  products(
    @Args('first', { type: () => Int, nullable: true, defaultValue: DEFAULT_PAGE_SIZE }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Args('search', { type: () => String, nullable: true }) search: string | null,
    @Args('orderBy', { type: () => ProductOrder, nullable: true, defaultValue: ProductOrder.NEWEST }) orderBy: ProductOrder | null,
  ): Promise<Connection<ProductRow>> {
    return this.catalog.list({ first: pageSize(first, DEFAULT_PAGE_SIZE), after, search, orderBy: orderBy ?? ProductOrder.NEWEST });
  }

  @Query(() => [Product], { description: 'The best rated products first (1 to 100 of them); products without reviews come last.' })
  topProducts(
    @Args('first', { type: () => Int, nullable: true, defaultValue: DEFAULT_TOP_PRODUCTS }) first: number | null,
  ): Promise<ProductRow[]> {
    return this.catalog.top(pageSize(first, DEFAULT_TOP_PRODUCTS));
  }

  @Mutation(() => Product, { description: 'Adds a product to the catalog. ADMIN only.' })
  createProduct(@Args('input') input: CreateProductInput, @CurrentViewer() viewer: Viewer | undefined): Promise<ProductRow> {
    requireAdmin(viewer, 'create products');
    return this.catalog.create(validateNewProduct(input));
  }

  @Mutation(() => Product, { description: "Changes a product's price; orders placed afterwards use it. ADMIN only." })
  async updateProductPrice(
    @Args('id', { type: () => ID }) id: string,
    @Args('priceCents', { type: () => Int }) priceCents: number,
    @CurrentViewer() viewer: Viewer | undefined,
  ): Promise<ProductRow> {
    requireAdmin(viewer, 'change prices');
    validatePriceCents(priceCents);
    // A malformed id names no product either, and must not reach PostgreSQL's uuid cast.
    const change = UUID_PATTERN.test(id) ? await this.catalog.changePrice(id, priceCents) : ({ found: false } as const);
    if (!change.found) throw new NotFoundError('Product', id);
    return change.product;
  }

  @ResolveReference()
  // Nest passes __resolveReference's own arguments (reference, context) only when no parameter is decorated.
  resolveReference(reference: { id: string }, context: SubgraphContext): Promise<Product | null> {
    return this.load(context.req, reference.id);
  }

  /** Through the request's loader, so a query or `_entities` call with N products costs one statement. */
  private load(req: Request, id: string): Promise<Product | null> {
    return loadById(req, 'products', (ids) => this.catalog.findByIds(ids), id);
  }
}
