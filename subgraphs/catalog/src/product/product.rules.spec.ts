import { searchPattern, validateNewProduct, validatePriceCents } from './product.rules';

describe('product rules', () => {
  it('trims the name and description of a new product', () => {
    expect(validateNewProduct({ name: '  Desk lamp ', description: ' Warm light\n', priceCents: 2599 })).toEqual({
      name: 'Desk lamp',
      description: 'Warm light',
      priceCents: 2599,
    });
  });

  it('accepts a missing description as empty', () => {
    expect(validateNewProduct({ name: 'Lamp', priceCents: 1 }).description).toBe('');
  });

  it('refuses a blank or too long name with BAD_USER_INPUT on input.name', () => {
    for (const name of ['   ', 'x'.repeat(201)]) {
      expect(() => validateNewProduct({ name, priceCents: 1 })).toThrow(
        expect.objectContaining({
          message: expect.stringMatching(/name must be 1 to 200/),
          extensions: { code: 'BAD_USER_INPUT', field: 'input.name' },
        }),
      );
    }
    expect(validateNewProduct({ name: 'x'.repeat(200), priceCents: 1 }).name).toHaveLength(200);
  });

  it('refuses a description over 4000 characters', () => {
    expect(() => validateNewProduct({ name: 'Lamp', description: 'x'.repeat(4001), priceCents: 1 })).toThrow(/at most 4000/);
  });

  it('allows prices from 1 cent to 100,000,000 cents only', () => {
    expect(validatePriceCents(1)).toBe(1);
    expect(validatePriceCents(100_000_000)).toBe(100_000_000);
    for (const price of [0, -5, 100_000_001, 1.5]) {
      expect(() => validatePriceCents(price)).toThrow(
        expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'priceCents' } }),
      );
    }
  });

  it('escapes LIKE wildcards so a search matches them literally', () => {
    expect(searchPattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
    expect(searchPattern('  lamp ')).toBe('%lamp%');
  });

  it('treats a blank search as no search', () => {
    expect(searchPattern('  ')).toBeUndefined();
    expect(searchPattern(null)).toBeUndefined();
  });
});
