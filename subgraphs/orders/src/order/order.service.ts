import { type Database, InjectDatabase } from '@agora/database';
import { Injectable } from '@nestjs/common';
import { asc, inArray } from 'drizzle-orm';
import type * as schema from '../db/schema';
import { type OrderItemRow, orderItems, type OrderRow, orders } from '../db/schema';

export type OrderWithItemsRow = OrderRow & { readonly items: readonly OrderItemRow[] };

@Injectable()
export class OrderService {
  constructor(@InjectDatabase() private readonly db: Database<typeof schema>) {}

  /**
   * Orders by id with their items, in one statement (drizzle aggregates the items per order);
   * missing ids are simply absent from the map.
   */
  async findByIds(ids: readonly string[]): Promise<Map<string, OrderWithItemsRow>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.query.orders.findMany({
      where: inArray(orders.id, [...ids]),
      with: { items: { orderBy: [asc(orderItems.productName), asc(orderItems.productId)] } },
    });
    return new Map(rows.map((row) => [row.id, row]));
  }
}
