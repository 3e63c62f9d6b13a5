import { decideReservation, mergeLines } from './reservation.decision';

const A = '00000000-0000-7000-8000-00000000000a';
const B = '00000000-0000-7000-8000-00000000000b';
const C = '00000000-0000-7000-8000-00000000000c';

describe('reservation decision', () => {
  it('reserves every line when each product has enough', () => {
    const lines = mergeLines([
      { productId: A, quantity: 2 },
      { productId: B, quantity: 1 },
    ]);
    expect(
      decideReservation(
        lines,
        new Map([
          [A, 2],
          [B, 5],
        ]),
      ),
    ).toEqual({ kind: 'reserve', lines });
  });

  it('rejects the order when any item is short, naming every shortage and reserving nothing', () => {
    const lines = mergeLines([
      { productId: A, quantity: 3 },
      { productId: B, quantity: 1 },
      { productId: C, quantity: 1 },
    ]);
    expect(
      decideReservation(
        lines,
        new Map([
          [A, 2],
          [B, 1],
        ]),
      ),
    ).toEqual({
      kind: 'reject',
      shortages: [
        { productId: A, requested: 3, available: 2 },
        { productId: C, requested: 1, available: 0 },
      ],
    });
  });

  it('adds up the quantities of a product listed twice before deciding', () => {
    const lines = mergeLines([
      { productId: A, quantity: 1 },
      { productId: A, quantity: 1 },
    ]);
    expect(lines).toEqual([{ productId: A, quantity: 2 }]);
    expect(decideReservation(lines, new Map([[A, 1]]))).toEqual({
      kind: 'reject',
      shortages: [{ productId: A, requested: 2, available: 1 }],
    });
  });

  it('sorts lines by product id, the order stock rows are locked in', () => {
    expect(
      mergeLines([
        { productId: C, quantity: 1 },
        { productId: A, quantity: 1 },
        { productId: B, quantity: 1 },
      ]).map((line) => line.productId),
    ).toEqual([A, B, C]);
  });
});
