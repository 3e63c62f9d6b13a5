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
});
