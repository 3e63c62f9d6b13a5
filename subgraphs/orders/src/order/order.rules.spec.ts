import { MAX_ITEMS_PER_ORDER, normalizeOrderItems, rejectionReason } from './order.rules';

const A = '0190a1b2-0000-7000-8000-00000000000a';
const B = '0190a1b2-0000-7000-8000-00000000000b';

describe('normalizeOrderItems', () => {
  it('keeps distinct products as they were asked', () => {
    expect(
      normalizeOrderItems([
        { productId: A, quantity: 2 },
        { productId: B, quantity: 1 },
      ]),
    ).toEqual([
      { productId: A, quantity: 2 },
      { productId: B, quantity: 1 },
    ]);
  });

  it('merges a product listed twice by adding its quantities', () => {
    expect(
      normalizeOrderItems([
        { productId: A, quantity: 2 },
        { productId: B, quantity: 1 },
        { productId: A, quantity: 3 },
      ]),
    ).toEqual([
      { productId: A, quantity: 5 },
      { productId: B, quantity: 1 },
    ]);
  });

  it('refuses an empty order and one with more than 50 items', () => {
    expect(() => normalizeOrderItems([])).toThrow(/at least one item/);
    const many = Array.from({ length: MAX_ITEMS_PER_ORDER + 1 }, () => ({ productId: A, quantity: 1 }));
    expect(() => normalizeOrderItems(many)).toThrow(/at most 50 items; this one has 51/);
  });

  it.each([0, -1, 101, 1.5])('refuses a quantity of %p, naming the item', (quantity) => {
    expect(() =>
      normalizeOrderItems([
        { productId: A, quantity: 1 },
        { productId: B, quantity },
      ]),
    ).toThrow(
      expect.objectContaining({
        message: expect.stringContaining('items[1].quantity must be between 1 and 100'),
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'items.1.quantity' }),
      }),
    );
  });

  it('refuses merged quantities above 100 for one product', () => {
    expect(() =>
      normalizeOrderItems([
        { productId: A, quantity: 60 },
        { productId: A, quantity: 41 },
      ]),
    ).toThrow(/101 times in total/);
  });

  it('refuses a product id that is not an id', () => {
    expect(() => normalizeOrderItems([{ productId: 'banana', quantity: 1 }])).toThrow(/"banana" is not a product id/);
  });
});

describe('rejectionReason', () => {
  it('names every product that fell short, with what was asked and what was left', () => {
    const names = new Map([[A, 'Espresso cup']]);
    expect(
      rejectionReason(
        [
          { productId: A, requested: 3, available: 1 },
          { productId: B, requested: 1, available: 0 },
        ],
        (id) => names.get(id),
      ),
    ).toBe(`Not enough stock for Espresso cup (ordered 3, 1 available), product ${B} (ordered 1, 0 available).`);
  });
});
