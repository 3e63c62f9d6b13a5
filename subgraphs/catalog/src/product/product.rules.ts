import { BadUserInputError } from '@agora/graphql';

/** Limits of a product's fields, as the GraphQL API documents them. */
export const PRODUCT_RULES = {
  nameMaxLength: 200,
  descriptionMaxLength: 4_000,
  minPriceCents: 1,
  maxPriceCents: 100_000_000,
} as const;

export interface NewProduct {
  readonly name: string;
  readonly description: string;
  readonly priceCents: number;
}

/** The product to store: trimmed, or a BAD_USER_INPUT error naming the field and what is allowed. */
export function validateNewProduct(input: { name: string; description?: string | null; priceCents: number }): NewProduct {
  const name = input.name.trim();
  if (name.length === 0 || name.length > PRODUCT_RULES.nameMaxLength) {
    throw new BadUserInputError(
      `name must be 1 to ${PRODUCT_RULES.nameMaxLength} characters (after trimming); got ${name.length}.`,
      'input.name',
    );
  }
  const description = (input.description ?? '').trim();
  if (description.length > PRODUCT_RULES.descriptionMaxLength) {
    throw new BadUserInputError(
      `description must be at most ${PRODUCT_RULES.descriptionMaxLength} characters; got ${description.length}.`,
      'input.description',
    );
  }
  return { name, description, priceCents: validatePriceCents(input.priceCents, 'input.priceCents') };
}

/** A price in cents within 1..100,000,000, or a BAD_USER_INPUT error on `field`. */
export function validatePriceCents(priceCents: number, field = 'priceCents'): number {
  if (!Number.isInteger(priceCents) || priceCents < PRODUCT_RULES.minPriceCents || priceCents > PRODUCT_RULES.maxPriceCents) {
    throw new BadUserInputError(
      `priceCents must be a whole number of cents from ${PRODUCT_RULES.minPriceCents} to ${PRODUCT_RULES.maxPriceCents}; got ${priceCents}.`,
      field,
    );
  }
  return priceCents;
}

/**
 * A search text as an ILIKE pattern matching it anywhere, with `\`, `%` and `_` escaped so they
 * match themselves (backslash is PostgreSQL's default LIKE escape); undefined for a blank search.
 */
export function searchPattern(search: string | null | undefined): string | undefined {
  const text = search?.trim();
  if (!text) return undefined;
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}
