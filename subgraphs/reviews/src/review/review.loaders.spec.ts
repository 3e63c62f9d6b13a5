import type { SubgraphContext } from '@agora/subgraph';
import type { ReviewRow } from '../db/schema';
import { ReviewLoaders } from './review.loaders';
import type { ReviewPagesQuery, ReviewService, ReviewStats } from './review.service';

const productIds = Array.from({ length: 100 }, (_, index) => `0190a1b2-0000-7000-8000-${String(index).padStart(12, '0')}`);

function review(productId: string, createdAt: Date): ReviewRow {
  return {
    id: productId.replace('0190a1b2', '0190ffff'),
    productId,
    authorId: productIds[0]!,
    rating: 4,
    body: 'ok',
    verifiedPurchase: false,
    createdAt,
  };
}

/** A ReviewService whose methods count their calls: each call is one SQL statement in the real one. */
class CountingReviews {
  calls = { stats: 0, pages: 0, findByIds: 0 };
  pagesQueries: ReviewPagesQuery[] = [];

  async stats(_owner: string, ids: readonly string[]): Promise<Map<string, ReviewStats>> {
    this.calls.stats += 1;
    return new Map(ids.map((id) => [id, { count: 1, averageRating: 4 }]));
  }

  async pages(query: ReviewPagesQuery): Promise<Map<string, ReviewRow[]>> {
    this.calls.pages += 1;
    this.pagesQueries.push(query);
    return new Map(query.ids.map((id) => [id, [review(id, new Date('2026-01-01T00:00:00.000Z'))]]));
  }

  async findByIds(ids: readonly string[]): Promise<Map<string, ReviewRow>> {
    this.calls.findByIds += 1;
    return new Map(ids.map((id) => [id, review(id, new Date())]));
  }
}

function setUp() {
  const service = new CountingReviews();
  const loaders = new ReviewLoaders(service as unknown as ReviewService);
  const context = { req: {} } as SubgraphContext;
  return { service, loaders, context };
}

describe('ReviewLoaders', () => {
  it('answers reviews, averageRating and reviewCount of 100 products with one lookup of each kind', async () => {
    const { service, loaders, context } = setUp();
    const results = await Promise.all(
      productIds.flatMap((id) => [
        loaders.connection(context, 'product', id, 5, null),
        loaders.stats(context, 'product', id),
        loaders.stats(context, 'product', id),
      ]),
    );
    expect(results).toHaveLength(300);
    expect(service.calls).toEqual({ stats: 1, pages: 1, findByIds: 0 });
    expect(service.pagesQueries[0]).toMatchObject({ owner: 'product', limit: 6 });
    expect(service.pagesQueries[0]!.ids).toHaveLength(100);
  });

  it('resolves 100 review references with one lookup', async () => {
    const { service, loaders, context } = setUp();
    await Promise.all(productIds.map((id) => loaders.review(context, id)));
    expect(service.calls.findByIds).toBe(1);
  });

  it('builds a connection whose cursor leads to the next page', async () => {
    const { service, loaders, context } = setUp();
    const page = await loaders.connection(context, 'author', productIds[0]!, 1, null);
    expect(page.totalCount).toBe(1);
    await loaders.connection({ req: {} } as SubgraphContext, 'author', productIds[0]!, 1, page.pageInfo.endCursor);
    expect(service.pagesQueries[1]!.after).toEqual([new Date('2026-01-01T00:00:00.000Z'), page.edges[0]!.node.id]);
  });

  it('refuses a first outside 1..100 and a cursor of another list', async () => {
    const { loaders, context } = setUp();
    await expect(loaders.connection(context, 'product', productIds[0]!, 0, null)).rejects.toThrow(/between 1 and 100/);
    await expect(loaders.connection(context, 'product', productIds[0]!, 1, 'bm9wZQ')).rejects.toThrow(/not a cursor of this list/);
  });
});
