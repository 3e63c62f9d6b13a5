import { registerEnumType } from '@nestjs/graphql';

/** How `products` sorts; each order is a keyset over an index-friendly tuple ending in the id. */
export enum ProductOrder {
  NEWEST = 'NEWEST',
  PRICE_ASC = 'PRICE_ASC',
  PRICE_DESC = 'PRICE_DESC',
  TOP_RATED = 'TOP_RATED',
}

registerEnumType(ProductOrder, {
  name: 'ProductOrder',
  valuesMap: {
    NEWEST: { description: 'Most recently created first.' },
    PRICE_ASC: { description: 'Cheapest first.' },
    PRICE_DESC: { description: 'Most expensive first.' },
    TOP_RATED: { description: 'Highest average rating first, then most reviewed; products without reviews last.' },
  },
});
