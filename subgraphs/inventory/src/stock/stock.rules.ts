import { BadUserInputError } from '@agora/graphql';

/** How many units one restock may add, as the GraphQL API documents it. */
export const RESTOCK_LIMITS = { min: 1, max: 100_000 } as const;

/** The quantity to add, or a BAD_USER_INPUT error saying what is allowed. */
export function validateRestockQuantity(quantity: number): number {
  if (!Number.isInteger(quantity) || quantity < RESTOCK_LIMITS.min || quantity > RESTOCK_LIMITS.max) {
    throw new BadUserInputError(
      `quantity must be a whole number from ${RESTOCK_LIMITS.min} to ${RESTOCK_LIMITS.max}; got ${quantity}.`,
      'quantity',
    );
  }
  return quantity;
}
