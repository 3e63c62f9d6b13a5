import { validateReview } from './review.rules';

const PRODUCT = '0190a1b2-0000-7000-8000-00000000000a';

describe('validateReview', () => {
  it('trims the body and keeps the rest', () => {
    expect(validateReview({ productId: PRODUCT, rating: 4, body: '  Solid.\n' })).toEqual({
      productId: PRODUCT,
      rating: 4,
      body: 'Solid.',
    });
  });

  it.each([0, 6, 3.5, -1])('refuses a rating of %p', (rating) => {
    expect(() => validateReview({ productId: PRODUCT, rating, body: 'ok' })).toThrow(
      expect.objectContaining({
        message: expect.stringContaining('rating must be a whole number of stars from 1 to 5'),
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'rating' }),
      }),
    );
  });

  it('refuses a body that is only whitespace', () => {
    expect(() => validateReview({ productId: PRODUCT, rating: 5, body: ' \n\t ' })).toThrow(/body is empty/);
  });

  it('accepts 4000 characters after trimming and refuses 4001', () => {
    expect(validateReview({ productId: PRODUCT, rating: 5, body: ` ${'a'.repeat(4000)} ` }).body).toHaveLength(4000);
    expect(() => validateReview({ productId: PRODUCT, rating: 5, body: 'a'.repeat(4001) })).toThrow(/4001 characters long; at most 4000/);
  });

  it('counts an emoji as one character', () => {
    expect(validateReview({ productId: PRODUCT, rating: 5, body: '👍'.repeat(4000) }).body).toBe('👍'.repeat(4000));
  });

  it('refuses a product id that is not an id', () => {
    expect(() => validateReview({ productId: 'nope', rating: 5, body: 'x' })).toThrow(/"nope" is not a product id/);
  });
});
