import { type Database, InjectDatabase } from '@agora/database';
import { Injectable } from '@nestjs/common';
import { and, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type * as schema from '../db/schema';
import { purchases, type ReviewRow, reviews } from '../db/schema';

export type ReviewWithPurchaseRow = ReviewRow & { readonly verifiedPurchase: boolean };

@Injectable()
export class ReviewService {
  constructor(@InjectDatabase() private readonly db: Database<typeof schema>) {}

  /**
   * Reviews by id, each with whether its author bought the product, in one statement; missing
   * ids are simply absent from the map.
   */
  async findByIds(ids: readonly string[]): Promise<Map<string, ReviewWithPurchaseRow>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .select({ ...getTableColumns(reviews), verifiedPurchase: sql<boolean>`${purchases.userId} IS NOT NULL` })
      .from(reviews)
      .leftJoin(purchases, and(eq(purchases.userId, reviews.authorId), eq(purchases.productId, reviews.productId)))
      .where(inArray(reviews.id, [...ids]));
    return new Map(rows.map((row) => [row.id, row]));
  }
}
