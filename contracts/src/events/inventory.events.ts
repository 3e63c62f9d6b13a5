import { z } from 'zod';
import { defineEvent } from '../event-contract';
import { id, quantity } from './fields';

const SOURCE = '/agora/inventory';

const reservedItem = z.object({ productId: id(), quantity: quantity() });

/** A product that fell short: what the order asked for and what was on hand. */
const shortage = z.object({
  productId: id(),
  requested: quantity(),
  available: z.number().int().nonnegative(),
});

export type Shortage = z.infer<typeof shortage>;

export const StockReserved = defineEvent({
  type: 'inventory.stock.reserved.v1',
  source: SOURCE,
  description: 'Every item of an order is reserved; orders confirms the order.',
  schema: z.object({ orderId: id(), items: z.array(reservedItem).min(1) }),
});

export const StockRejected = defineEvent({
  type: 'inventory.stock.rejected.v1',
  source: SOURCE,
  description: 'An order could not be reserved (nothing was); orders rejects it naming the products that fell short.',
  schema: z.object({
    orderId: id(),
    shortages: z.array(shortage).min(1),
  }),
});

export const StockReleased = defineEvent({
  type: 'inventory.stock.released.v1',
  source: SOURCE,
  description: "A cancelled order's reservation went back to stock.",
  schema: z.object({ orderId: id(), items: z.array(reservedItem) }),
});
