import { uuidv7 } from '@agora/contracts';
import { encodeCursor } from '@agora/subgraph';
import { ProductOrder } from './models/product-order.model';
import { decodeProductCursor, keysetOf } from './product-order.keyset';

const row = { id: uuidv7(), priceCents: 2599, createdAtKey: '2026-01-02T03:04:05.123456Z', averageRating: 4.5, reviewCount: 2 };

describe('product keysets', () => {
  it.each(Object.values(ProductOrder))('round-trips the position of a %s page through its cursor', (order) => {
    const position = keysetOf(order).position(row);
    expect(decodeProductCursor(encodeCursor(position), order)).toEqual(position);
  });

  it('keeps the microseconds of created_at in a NEWEST cursor', () => {
    expect(keysetOf(ProductOrder.NEWEST).position(row)).toContain('2026-01-02T03:04:05.123456Z');
  });

  it('refuses a cursor of another order with BAD_USER_INPUT', () => {
    const priceAsc = encodeCursor(keysetOf(ProductOrder.PRICE_ASC).position(row));
    expect(() => decodeProductCursor(priceAsc, ProductOrder.PRICE_DESC)).toThrow(
      expect.objectContaining({
        message: expect.stringMatching(/ordered by PRICE_DESC/),
        extensions: { code: 'BAD_USER_INPUT', field: 'after' },
      }),
    );
    expect(() => decodeProductCursor(priceAsc, ProductOrder.NEWEST)).toThrow(/not a cursor/);
  });

  it('refuses a forged cursor whose values are not an id and a timestamp', () => {
    expect(() => decodeProductCursor(encodeCursor(['NEWEST', 'yesterday', row.id]), ProductOrder.NEWEST)).toThrow(/not a cursor/);
    expect(() => decodeProductCursor(encodeCursor(['PRICE_ASC', 1, "1' OR 1=1"]), ProductOrder.PRICE_ASC)).toThrow(/not a cursor/);
  });
});
