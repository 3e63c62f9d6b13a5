import { type Database, InjectDatabase } from '@agora/database';
import { Injectable } from '@nestjs/common';
import { inArray } from 'drizzle-orm';
import type * as schema from '../db/schema';
import { stockLevels } from '../db/schema';

@Injectable()
export class StockService {
  constructor(@InjectDatabase() private readonly db: Database<typeof schema>) {}

  /** Available units per product id, in one statement; unknown products have 0. */
  async availableByIds(ids: readonly string[]): Promise<Map<string, number>> {
    const available = new Map(ids.map((id) => [id, 0]));
    if (ids.length === 0) return available;
    const rows = await this.db
      .select({ productId: stockLevels.productId, available: stockLevels.available })
      .from(stockLevels)
      .where(inArray(stockLevels.productId, [...ids]));
    for (const row of rows) available.set(row.productId, row.available);
    return available;
  }
}
