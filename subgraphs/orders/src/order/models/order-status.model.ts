import { registerEnumType } from '@nestjs/graphql';
import type { OrderStatusName } from '../../db/schema';

/** Where an order stands in the saga: PENDING until inventory answers. */
export const OrderStatus = {
  PENDING: 'PENDING',
  CONFIRMED: 'CONFIRMED',
  REJECTED: 'REJECTED',
  CANCELLED: 'CANCELLED',
} as const satisfies { [S in OrderStatusName]: S };
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus];

registerEnumType(OrderStatus, {
  name: 'OrderStatus',
  description: 'Where an order stands: PENDING until inventory has reserved (CONFIRMED) or refused (REJECTED) it.',
});
