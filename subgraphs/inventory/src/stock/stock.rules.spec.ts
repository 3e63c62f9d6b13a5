import { validateRestockQuantity } from './stock.rules';

describe('validateRestockQuantity', () => {
  it('accepts 1 to 100000 units', () => {
    expect(validateRestockQuantity(1)).toBe(1);
    expect(validateRestockQuantity(100_000)).toBe(100_000);
  });

  it('refuses zero, negative, fractional and too large quantities with BAD_USER_INPUT on quantity', () => {
    for (const quantity of [0, -1, 2.5, 100_001]) {
      expect(() => validateRestockQuantity(quantity)).toThrow(
        expect.objectContaining({
          message: expect.stringMatching(/from 1 to 100000/),
          extensions: { code: 'BAD_USER_INPUT', field: 'quantity' },
        }),
      );
    }
  });
});
