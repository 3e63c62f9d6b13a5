import { VerifiedTokens } from './verified-tokens';

describe('VerifiedTokens', () => {
  const viewer = { id: 'u1', role: 'CUSTOMER' } as const;
  const keySet = { keys: [] };

  it('gives back the viewer of a token verified under the current key set until the token expires', () => {
    const tokens = new VerifiedTokens();
    tokens.remember('t1', { viewer, expiresAtMs: 2_000, keySet });
    expect(tokens.viewerOf('t1', keySet, 1_999)).toEqual(viewer);
    expect(tokens.viewerOf('t1', keySet, 2_000)).toBeUndefined();
    expect(tokens.size).toBe(0);
  });

  it('forgets a token once the key set it was verified against is no longer the current one', () => {
    const tokens = new VerifiedTokens();
    tokens.remember('t1', { viewer, expiresAtMs: 2_000, keySet });
    expect(tokens.viewerOf('t1', { keys: [] }, 1_000)).toBeUndefined();
    expect(tokens.viewerOf('t1', keySet, 1_000)).toBeUndefined();
  });

  it('finds nothing while no key set is current (none fetched yet, or due to be fetched again)', () => {
    const tokens = new VerifiedTokens();
    tokens.remember('t1', { viewer, expiresAtMs: 2_000, keySet });
    expect(tokens.viewerOf('t1', undefined, 1_000)).toBeUndefined();
  });

  it('holds at most its capacity, letting the oldest go first', () => {
    const tokens = new VerifiedTokens(2);
    for (const token of ['a', 'b', 'c']) tokens.remember(token, { viewer, expiresAtMs: 2_000, keySet });
    expect(tokens.size).toBe(2);
    expect(tokens.viewerOf('a', keySet, 1_000)).toBeUndefined();
    expect(tokens.viewerOf('b', keySet, 1_000)).toEqual(viewer);
    expect(tokens.viewerOf('c', keySet, 1_000)).toEqual(viewer);
  });
});
