import { z } from 'zod';
import { defineEvent } from '../event-contract';
import { cents, id, instant, quantity } from './fields';

const SOURCE = '/agora/orders';

export const OrderPlaced = defineEvent({
  type: 'orders.order.placed.v1',
  source: SOURCE,
  description: 'An order was stored as PENDING; inventory reserves its items or rejects it.',
  schema: z.object({
    orderId: id(),
    userId: id(),
    items: z.array(z.object({ productId: id(), quantity: quantity(), unitPriceCents: cents() })).min(1),
    totalCents: cents(),
    placedAt: instant(),
  }),
});

export const OrderConfirmed = defineEvent({
  type: 'orders.order.confirmed.v1',
  source: SOURCE,
  description: 'Stock was reserved and the order is CONFIRMED; reviews marks the purchase, notifications tells the buyer.',
  schema: z.object({
    orderId: id(),
    userId: id(),
    items: z.array(z.object({ productId: id(), quantity: quantity() })).min(1),
    totalCents: cents(),
    confirmedAt: instant(),
  }),
});

export const OrderRejected = defineEvent({
  type: 'orders.order.rejected.v1',
  source: SOURCE,
  description: 'The order is REJECTED (for example, out of stock); notifications tells the buyer why.',
  schema: z.object({
    orderId: id(),
    userId: id(),
    reason: z.string().min(1),
    rejectedAt: instant(),
  }),
});

export const OrderCancelled = defineEvent({
  type: 'orders.order.cancelled.v1',
  source: SOURCE,
  description: 'The buyer or an admin cancelled the order; inventory releases what it reserved for it.',
  schema: z.object({
    orderId: id(),
    userId: id(),
    previousStatus: z.enum(['PENDING', 'CONFIRMED']),
    cancelledAt: instant(),
  }),
});
