import { type Database, InjectDatabase, PgErrorCode, pgErrorCode, anyOf } from '@agora/database';
import { BadUserInputError } from '@agora/graphql';
import { Injectable } from '@nestjs/common';
import { eq, sql } from 'drizzle-orm';
import type * as schema from '../db/schema';
import { stockLevels } from '../db/schema';
import { UnknownProductError } from './errors/unknown-product.error';

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
      .where(anyOf(stockLevels.productId, ids));
    for (const row of rows) available.set(row.productId, row.available);
    return available;
  }

  /**
   * Adds units in one atomic increment (no read-then-write, so concurrent restocks and
   * reservations all count) and returns the new level.
   */
  async restock(productId: string, quantity: number): Promise<number> {
    try {
      const [row] = await this.db
        .update(stockLevels)
        .set({ available: sql`${stockLevels.available} + ${quantity}`, updatedAt: sql`now()` })
        .where(eq(stockLevels.productId, productId))
        .returning({ available: stockLevels.available });
      if (!row) throw new UnknownProductError(productId);
      return row.available;
    } catch (error) {
      if (pgErrorCode(error) === PgErrorCode.NUMERIC_VALUE_OUT_OF_RANGE) {
        throw new BadUserInputError(`Adding ${quantity} units would exceed the most stock one product can hold.`, 'quantity');
      }
      throw error;
    }
  }
}
