import { ProductCreated, ProductPriceChanged, uuidv7 } from '@agora/contracts';
import { type Database, InjectDatabase, anyOf } from '@agora/database';
import { Outbox } from '@agora/messaging';
import { type Connection, toConnection } from '@agora/subgraph';
import { Injectable } from '@nestjs/common';
import { and, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type * as schema from '../db/schema';
import { type ProductRow, products, ratingSummaries } from '../db/schema';
import { ProductOrder } from './models/product-order.model';
import { averageRating, createdAtKey, decodeProductCursor, keysetOf, reviewCount } from './product-order.keyset';
import { type NewProduct, searchPattern } from './product.rules';

export interface ProductListOptions {
  readonly first: number;
  readonly after?: string | null;
  readonly search?: string | null;
  readonly orderBy: ProductOrder;
}

/** The outcome of a price change: the product, or nothing when no product has the id. */
export type PriceChange = { readonly found: false } | { readonly found: true; readonly product: ProductRow; readonly changed: boolean };

@Injectable()
export class ProductService {
  constructor(
    @InjectDatabase() private readonly db: Database<typeof schema>,
    private readonly outbox: Outbox,
  ) {}

  /** Products by id, in one statement; missing ids are simply absent from the map. */
  async findByIds(ids: readonly string[]): Promise<Map<string, ProductRow>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.select().from(products).where(anyOf(products.id, ids));
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** One page of products in `orderBy`, after the cursor, among those matching `search`. */
  async list(options: ProductListOptions): Promise<Connection<ProductRow>> {
    const keyset = keysetOf(options.orderBy);
    const matching = this.searchCondition(options.search);
    const after = options.after ? keyset.after(decodeProductCursor(options.after, options.orderBy)) : undefined;
    const [rows, [count]] = await Promise.all([
      this.db
        .select({ product: products, createdAtKey, averageRating, reviewCount })
        .from(products)
        .leftJoin(ratingSummaries, eq(ratingSummaries.productId, products.id))
        .where(and(matching, after))
        .orderBy(...keyset.orderBy)
        .limit(options.first + 1),
      this.db
        .select({ total: sql<number>`count(*)::int` })
        .from(products)
        .where(matching),
    ]);
    return toConnection(
      rows,
      options.first,
      count?.total ?? 0,
      (row) =>
        keyset.position({ ...row.product, createdAtKey: row.createdAtKey, averageRating: row.averageRating, reviewCount: row.reviewCount }),
      (row) => row.product,
    );
  }

  /** The `first` best rated products; products without reviews come last. */
  async top(first: number): Promise<ProductRow[]> {
    const rows = await this.db
      .select({ product: products })
      .from(products)
      .leftJoin(ratingSummaries, eq(ratingSummaries.productId, products.id))
      .orderBy(...keysetOf(ProductOrder.TOP_RATED).orderBy)
      .limit(first);
    return rows.map((row) => row.product);
  }

  /** Stores a product and records `catalog.product.created.v1` in the same transaction. */
  async create(product: NewProduct): Promise<ProductRow> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(products)
        .values({ id: uuidv7(), ...product })
        .returning();
      if (!row) throw new Error('INSERT … RETURNING returned no row');
      await this.outbox.record(tx, ProductCreated, {
        productId: row.id,
        name: row.name,
        description: row.description,
        priceCents: row.priceCents,
        createdAt: row.createdAt.toISOString(),
      });
      return row;
    });
  }

  /**
   * Sets a product's price and records `catalog.product.price-changed.v1` with the previous one;
   * the row is locked first so concurrent changes each see the price they replace. An unchanged
   * price records nothing.
   */
  async changePrice(id: string, priceCents: number): Promise<PriceChange> {
    return this.db.transaction(async (tx) => {
      const [current] = await tx.select().from(products).where(eq(products.id, id)).for('update');
      if (!current) return { found: false };
      if (current.priceCents === priceCents) return { found: true, product: current, changed: false };
      const [updated] = await tx.update(products).set({ priceCents }).where(eq(products.id, id)).returning();
      if (!updated) throw new Error(`product ${id} vanished while locked`);
      await this.outbox.record(tx, ProductPriceChanged, {
        productId: id,
        previousPriceCents: current.priceCents,
        priceCents,
        changedAt: new Date().toISOString(),
      });
      return { found: true, product: updated, changed: true };
    });
  }

  private searchCondition(search: string | null | undefined): SQL | undefined {
    const pattern = searchPattern(search);
    return pattern ? or(ilike(products.name, pattern), ilike(products.description, pattern)) : undefined;
  }
}
