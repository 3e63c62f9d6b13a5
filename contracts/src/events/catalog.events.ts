import { z } from 'zod';
import { defineEvent } from '../event-contract';
import { cents, id, instant } from './fields';

const SOURCE = '/agora/catalog';

export const ProductCreated = defineEvent({
  type: 'catalog.product.created.v1',
  source: SOURCE,
  description: 'A product was added to the catalog; inventory starts its stock at zero, orders copies name and price.',
  schema: z.object({
    productId: id(),
    name: z.string().min(1),
    description: z.string(),
    priceCents: cents(),
    createdAt: instant(),
  }),
});

export const ProductPriceChanged = defineEvent({
  type: 'catalog.product.price-changed.v1',
  source: SOURCE,
  description: 'A product has a new price; orders prices new orders with it.',
  schema: z.object({
    productId: id(),
    previousPriceCents: cents(),
    priceCents: cents(),
    changedAt: instant(),
  }),
});
