import type { Order } from './models/order.model';
import type { OrderWithItemsRow } from './order.service';

/** The GraphQL view of a stored order: users and products become references for the gateway. */
export function toOrder(row: OrderWithItemsRow): Order {
  return {
    id: row.id,
    user: { id: row.userId },
    items: row.items.map((item) => ({
      product: { id: item.productId },
      productName: item.productName,
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
