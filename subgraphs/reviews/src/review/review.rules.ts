import { UUID_PATTERN } from '@agora/contracts';
import { BadUserInputError } from '@agora/graphql';

export const MIN_RATING = 1;
export const MAX_RATING = 5;
export const MAX_BODY_LENGTH = 4000;

export interface ReviewDraft {
  readonly productId: string;
  readonly rating: number;
  readonly body: string;
}

/** A `postReview` input checked, with its body trimmed; BAD_USER_INPUT naming the field otherwise. */
export function validateReview(input: ReviewDraft): ReviewDraft {
  if (!UUID_PATTERN.test(input.productId)) {
    throw new BadUserInputError(`productId "${input.productId}" is not a product id.`, 'productId');
  }
  if (!Number.isInteger(input.rating) || input.rating < MIN_RATING || input.rating > MAX_RATING) {
    throw new BadUserInputError(
      `rating must be a whole number of stars from ${MIN_RATING} to ${MAX_RATING}; got ${input.rating}.`,
      'rating',
    );
  }
  const body = input.body.trim();
  // Counted in characters as people see them (code points), not UTF-16 units.
  const length = Array.from(body).length;
  if (length === 0) throw new BadUserInputError('body is empty; write a few words about the product.', 'body');
  if (length > MAX_BODY_LENGTH) {
    throw new BadUserInputError(`body is ${length} characters long; at most ${MAX_BODY_LENGTH} are allowed.`, 'body');
  }
  return { productId: input.productId.toLowerCase(), rating: input.rating, body };
}
