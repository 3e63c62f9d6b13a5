import { ReviewPosted, uuidv7 } from '@agora/contracts';
import { type Database, InjectDatabase, anyOf } from '@agora/database';
import { BadUserInputError } from '@agora/graphql';
import { Outbox } from '@agora/messaging';
import { Injectable } from '@nestjs/common';
import { and, asc, avg, count, eq, getTableColumns, lte, notExists, sql } from 'drizzle-orm';
import type * as schema from '../db/schema';
import { cancelledOrders, knownProducts, purchases, type ReviewRow, reviews } from '../db/schema';
import { type ReviewDraft, validateReview } from './review.rules';

/** Whose reviews a list holds: a product's, or an author's. */
export type ReviewOwner = 'product' | 'author';

export interface ReviewStats {
  readonly count: number;
  /** null when there are no reviews. */
  readonly averageRating: number | null;
}

export const NO_REVIEWS: ReviewStats = { count: 0, averageRating: null };

/** Pages of several lists at once: the same size and cursor for each list. */
export interface ReviewPagesQuery {
  readonly owner: ReviewOwner;
  readonly ids: readonly string[];
  /** Rows to fetch per list: the page size plus one, to learn whether a next page exists. */
  readonly limit: number;
  /** The (createdAt, id) of the last review of the previous page. */
  readonly after?: readonly [Date, string];
}

const OWNER_COLUMN = { product: reviews.productId, author: reviews.authorId } as const;

@Injectable()
export class ReviewService {
  constructor(
    @InjectDatabase() private readonly db: Database<typeof schema>,
    private readonly outbox: Outbox,
  ) {}

  /** Reviews by id, in one statement; missing ids are simply absent from the map. */
  async findByIds(ids: readonly string[]): Promise<Map<string, ReviewRow>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.select().from(reviews).where(anyOf(reviews.id, ids));
    return new Map(rows.map((row) => [row.id, row]));
  }

  /**
   * Posts the author's one review of a product that catalog announced, marked as a verified
   * purchase if reviews knows a confirmed order of it that was not cancelled, and records ReviewPosted with it.
   */
  async post(authorId: string, draft: ReviewDraft): Promise<ReviewRow> {
    const { productId, rating, body } = validateReview(draft);
    const [product] = await this.db.select().from(knownProducts).where(eq(knownProducts.id, productId));
    if (!product) throw new BadUserInputError(`No product has the id ${productId}; review a product that exists.`, 'productId');
    return this.db.transaction(async (tx) => {
      // A purchase of a cancelled order never counts: the cancellation deletes its purchases, but a
      // confirmation that comes after it, or at the same moment, adds them again (see the handler).
      const [purchase] = await tx
        .select({ orderId: purchases.orderId })
        .from(purchases)
        .where(
          and(
            eq(purchases.userId, authorId),
            eq(purchases.productId, productId),
            notExists(
              tx.select({ orderId: cancelledOrders.orderId }).from(cancelledOrders).where(eq(cancelledOrders.orderId, purchases.orderId)),
            ),
          ),
        )
        .limit(1);
      const [review] = await tx
        .insert(reviews)
        .values({ id: uuidv7(), productId, authorId, rating, body, verifiedPurchase: purchase !== undefined, createdAt: new Date() })
        .onConflictDoNothing({ target: [reviews.authorId, reviews.productId] })
        .returning();
      if (!review) {
        throw new BadUserInputError(`You already reviewed product ${productId}; each person reviews a product once.`, 'productId');
      }
      await this.outbox.record(tx, ReviewPosted, {
        reviewId: review.id,
        productId,
        authorId,
        rating,
        verifiedPurchase: review.verifiedPurchase,
        postedAt: review.createdAt.toISOString(),
      });
      return review;
    });
  }

  /** How many reviews, and their average rating, for each product or author, in one statement. */
  async stats(owner: ReviewOwner, ids: readonly string[]): Promise<Map<string, ReviewStats>> {
    if (ids.length === 0) return new Map();
    const column = OWNER_COLUMN[owner];
    const rows = await this.db
      .select({ id: column, count: count(), average: avg(reviews.rating) })
      .from(reviews)
      .where(anyOf(column, ids))
      .groupBy(column);
    return new Map(rows.map((row) => [row.id, { count: row.count, averageRating: row.average === null ? null : Number(row.average) }]));
  }

  /**
   * The next page of each product's (or author's) reviews, newest first, in one statement: rows
   * are numbered per list and each list keeps its first `limit`.
   */
  async pages(query: ReviewPagesQuery): Promise<Map<string, ReviewRow[]>> {
    if (query.ids.length === 0) return new Map();
    const column = OWNER_COLUMN[query.owner];
    const ranked = this.db
      .select({
        ...getTableColumns(reviews),
        rank: sql<number>`row_number() OVER (PARTITION BY ${column} ORDER BY ${reviews.createdAt} DESC, ${reviews.id} DESC)`.as('rank'),
      })
      .from(reviews)
      .where(
        and(
          anyOf(column, query.ids),
          query.after
            ? sql`(${reviews.createdAt}, ${reviews.id}) < (${query.after[0].toISOString()}::timestamptz, ${query.after[1]}::uuid)`
            : undefined,
        ),
      )
      .as('ranked');
    const rows = await this.db.select().from(ranked).where(lte(ranked.rank, query.limit)).orderBy(asc(ranked.rank));
    const pages = new Map<string, ReviewRow[]>(query.ids.map((id) => [id, []]));
    for (const { rank: _rank, ...row } of rows) pages.get(query.owner === 'product' ? row.productId : row.authorId)?.push(row);
    return pages;
  }
}
