import { decodeCursor, encodeCursor, pageSize, toConnection } from './pagination';

describe('pagination', () => {
  it('round-trips a keyset position through an opaque cursor', () => {
    const cursor = encodeCursor(['2026-01-01T00:00:00.000Z', 'a1']);
    expect(cursor).not.toContain('2026');
    expect(decodeCursor(cursor, ['string', 'string'])).toEqual(['2026-01-01T00:00:00.000Z', 'a1']);
  });

  it('refuses a cursor of another shape with BAD_USER_INPUT', () => {
    expect(() => decodeCursor(encodeCursor([1]), ['string', 'string'])).toThrow(/not a cursor of this list/);
    expect(() => decodeCursor('garbage!', ['number'])).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    );
  });

  it('limits first to 1..100', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(100)).toBe(100);
    expect(() => pageSize(0)).toThrow(/between 1 and 100/);
    expect(() => pageSize(101)).toThrow(/between 1 and 100/);
  });

  it('uses the extra row to say whether a next page exists', () => {
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const connection = toConnection(
      rows,
      2,
      3,
      (row) => [row.id],
      (row) => row.id,
    );
    expect(connection.edges.map((edge) => edge.node)).toEqual(['a', 'b']);
    expect(connection.pageInfo.hasNextPage).toBe(true);
    expect(decodeCursor(connection.pageInfo.endCursor!, ['string'])).toEqual(['b']);
    expect(
      toConnection(
        rows,
        5,
        3,
        (row) => [row.id],
        (row) => row.id,
      ).pageInfo,
    ).toEqual({ hasNextPage: false, endCursor: expect.any(String) });
  });
});
