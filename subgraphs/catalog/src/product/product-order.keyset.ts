import { UUID_PATTERN } from '@agora/contracts';
import { BadUserInputError } from '@agora/graphql';
import { decodeCursor } from '@agora/subgraph';
import { asc, desc, type SQL, sql } from 'drizzle-orm';
import { products, ratingSummaries } from '../db/schema';
import { ProductOrder } from './models/product-order.model';

/**
 * Sort keys computed in SQL. A product without reviews averages 0, below every real rating
 * (1..5), so it sorts last in TOP_RATED. `created_at` travels as text with microseconds, since a
 * JavaScript Date would drop them and a cursor would then skip or repeat rows.
 */
export const averageRating = sql<number>`coalesce(${ratingSummaries.ratingSum}::float8 / nullif(${ratingSummaries.reviewCount}, 0), 0)`;
export const reviewCount = sql<number>`coalesce(${ratingSummaries.reviewCount}, 0)`;
export const createdAtKey = sql<string>`to_char(${products.createdAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The sort values of one listed row, as the list query selects them. */
export interface SortValues {
  readonly id: string;
  readonly priceCents: number;
  readonly createdAtKey: string;
  readonly averageRating: number;
  readonly reviewCount: number;
}

/** One ordering: its ORDER BY, the position a cursor stores, and the condition "after a position". */
interface Keyset {
  readonly orderBy: SQL[];
  readonly shape: readonly ('string' | 'number')[];
  position(row: SortValues): (string | number)[];
  after(position: readonly (string | number)[]): SQL;
}

const TIMESTAMP_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

// Each tuple is compared as a whole (a row comparison), so ties on the leading keys are broken by
// the id and no row is skipped or repeated between pages.
const KEYSETS: Record<ProductOrder, Keyset> = {
  [ProductOrder.NEWEST]: {
    orderBy: [desc(products.createdAt), desc(products.id)],
    shape: ['string', 'string', 'string'],
    position: (row) => [ProductOrder.NEWEST, row.createdAtKey, row.id],
    after: ([, createdAt, id]) => sql`(${products.createdAt}, ${products.id}) < (${createdAt}::timestamptz, ${id}::uuid)`,
  },
  [ProductOrder.PRICE_ASC]: {
    orderBy: [asc(products.priceCents), asc(products.id)],
    shape: ['string', 'number', 'string'],
    position: (row) => [ProductOrder.PRICE_ASC, row.priceCents, row.id],
    after: ([, price, id]) => sql`(${products.priceCents}, ${products.id}) > (${price}::int, ${id}::uuid)`,
  },
  [ProductOrder.PRICE_DESC]: {
    orderBy: [desc(products.priceCents), desc(products.id)],
    shape: ['string', 'number', 'string'],
    position: (row) => [ProductOrder.PRICE_DESC, row.priceCents, row.id],
    after: ([, price, id]) => sql`(${products.priceCents}, ${products.id}) < (${price}::int, ${id}::uuid)`,
  },
  [ProductOrder.TOP_RATED]: {
    orderBy: [desc(averageRating), desc(reviewCount), desc(products.id)],
    shape: ['string', 'number', 'number', 'string'],
    position: (row) => [ProductOrder.TOP_RATED, row.averageRating, row.reviewCount, row.id],
    after: ([, average, count, id]) =>
      sql`(${averageRating}, ${reviewCount}, ${products.id}) < (${average}::float8, ${count}::int, ${id}::uuid)`,
  },
};

export function keysetOf(order: ProductOrder): Keyset {
  return KEYSETS[order];
}

/**
 * The position stored in `after`, checked to belong to a list in `order` (a cursor of another
 * order would silently skip rows) and to hold well-formed values (they become SQL parameters).
 */
export function decodeProductCursor(after: string, order: ProductOrder): (string | number)[] {
  const position = decodeCursor(after, KEYSETS[order].shape);
  const id = position.at(-1) as string;
  const createdAt = order === ProductOrder.NEWEST ? (position[1] as string) : undefined;
  const numbers = position.filter((value): value is number => typeof value === 'number');
  if (
    position[0] !== order ||
    !UUID_PATTERN.test(id) ||
    (createdAt !== undefined && !TIMESTAMP_KEY.test(createdAt)) ||
    !numbers.every(Number.isFinite)
  ) {
    throw new BadUserInputError(
      `after is not a cursor of products ordered by ${order}; pass the endCursor of a previous page in that order.`,
      'after',
    );
  }
  return position;
}
