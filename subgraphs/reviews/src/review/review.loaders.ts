import { UUID_PATTERN } from '@agora/contracts';
import {
  type Connection,
  createdAtPosition,
  decodeCreatedAtCursor,
  pageSize,
  loadById,
  requestLoader,
  type SubgraphContext,
  toConnection,
} from '@agora/subgraph';
import { Injectable } from '@nestjs/common';
import type { ReviewRow } from '../db/schema';
import type { Review } from './models/review.model';
import { toReview } from './review.mapper';
import { NO_REVIEWS, type ReviewOwner, ReviewService, type ReviewStats } from './review.service';

/**
 * Per-request loaders for everything reviews answers about an entity, so that one `_entities`
 * call with many products or users costs one statement per kind of lookup.
 */
@Injectable()
export class ReviewLoaders {
  constructor(private readonly reviews: ReviewService) {}

  review(context: SubgraphContext, id: string): Promise<ReviewRow | null> {
    return loadById(context.req, 'reviews', (ids) => this.reviews.findByIds(ids), id);
  }

  async stats(context: SubgraphContext, owner: ReviewOwner, id: string): Promise<ReviewStats> {
    return (await loadById(context.req, `review-stats:${owner}`, (ids) => this.reviews.stats(owner, ids), id)) ?? NO_REVIEWS;
  }

  /** A page of a product's or an author's reviews, newest first. */
  async connection(
    context: SubgraphContext,
    owner: ReviewOwner,
    id: string,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Connection<Review>> {
    const size = pageSize(first);
    const position = after ? decodeCreatedAtCursor(after) : undefined;
    if (!UUID_PATTERN.test(id)) return toConnection<ReviewRow, Review>([], size, 0, () => [], toReview);
    // Lists asked with the same size and cursor share one statement.
    const pages = requestLoader(context.req, `review-pages:${owner}:${size}:${after ?? ''}`, (ids: readonly string[]) =>
      this.reviews.pages({ owner, ids, limit: size + 1, after: position }),
    );
    const [rows, stats] = await Promise.all([pages.load(id), this.stats(context, owner, id)]);
    return toConnection(rows ?? [], size, stats.count, createdAtPosition, toReview);
  }
}
