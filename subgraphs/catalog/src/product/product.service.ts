import { type Database, InjectDatabase } from '@agora/database';
import { Injectable } from '@nestjs/common';
import { inArray } from 'drizzle-orm';
import type * as schema from '../db/schema';
import { type ProductRow, products } from '../db/schema';

@Injectable()
export class ProductService {
  constructor(@InjectDatabase() private readonly db: Database<typeof schema>) {}

  /** Products by id, in one statement; missing ids are simply absent from the map. */
  async findByIds(ids: readonly string[]): Promise<Map<string, ProductRow>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.select().from(products).where(inArray(products.id, [...ids]));
    return new Map(rows.map((row) => [row.id, row]));
  }
}
