import { UUID_PATTERN } from '@agora/contracts';
import { Resolver, ResolveReference } from '@nestjs/graphql';
import { Order } from './models/order.model';
import { type OrderWithItemsRow, OrderService } from './order.service';

@Resolver(() => Order)
export class OrderResolver {
  constructor(private readonly orders: OrderService) {}

  // No `order(id)` query yet: it answers only the owner or an ADMIN, which needs authentication.
  @ResolveReference()
  async resolveReference(reference: { id: string }): Promise<Order | null> {
    if (!UUID_PATTERN.test(reference.id)) return null;
    const row = (await this.orders.findByIds([reference.id])).get(reference.id);
    return row ? toOrder(row) : null;
  }
}

/** The GraphQL view of a stored order: users and products become references for the gateway. */
function toOrder(row: OrderWithItemsRow): Order {
  return {
    id: row.id,
    user: { id: row.userId },
    items: row.items.map((item) => ({
      product: { id: item.productId },
      quantity: item.quantity,
      unitPriceCents: item.unitPriceCents,
    })),
    totalCents: row.totalCents,
    status: row.status,
    rejectionReason: row.rejectionReason,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
