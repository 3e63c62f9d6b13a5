import { UUID_PATTERN, uuidv7 } from './uuidv7';

describe('uuidv7', () => {
  it('is a version 7 UUID', () => {
    const id = uuidv7();
    expect(id).toMatch(UUID_PATTERN);
    expect(id[14]).toBe('7');
  });

  it('sorts by creation time', () => {
    const earlier = uuidv7(1_700_000_000_000);
    const later = uuidv7(1_700_000_000_001);
    expect(earlier < later).toBe(true);
  });

  it('differs between two calls in the same millisecond', () => {
    expect(uuidv7(1)).not.toBe(uuidv7(1));
  });

  it('stays unique, versioned and timestamped across many draws of its random bytes', () => {
    const now = 1_700_000_000_123;
    const ids = Array.from({ length: 2_000 }, () => uuidv7(now));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(UUID_PATTERN);
      expect(id[14]).toBe('7');
      expect(Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(now);
    }
    // The random part is not constant within a position (a stuck or reused pool would be).
    expect(new Set(ids.map((id) => id.slice(-12))).size).toBe(ids.length);
  });
});
