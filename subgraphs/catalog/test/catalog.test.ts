import { buildEnvelope, type EventEnvelope, ReviewPosted, uuidv7 } from '@agora/contracts';
import { graphql, TestSystem, waitFor, ADMIN_EMAIL, bearer, Shop, TestBroker } from '@agora/testing';
import { Pool } from 'pg';

const CREATE_PRODUCT =
  'mutation ($input: CreateProductInput!) { createProduct(input: $input) { id name description priceCents createdAt } }';
const UPDATE_PRICE = 'mutation ($id: ID!, $priceCents: Int!) { updateProductPrice(id: $id, priceCents: $priceCents) { id priceCents } }';
const PRODUCTS = `query ($first: Int, $after: String, $search: String, $orderBy: ProductOrder) {
  products(first: $first, after: $after, search: $search, orderBy: $orderBy) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id name priceCents } }
  }
}`;
const TOP_PRODUCTS = 'query ($first: Int) { topProducts(first: $first) { id } }';

type Headers = Record<string, string>;
interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: { id: string; name: string; priceCents: number } }[];
}

describe('catalog', () => {
  const system = new TestSystem({ subgraphs: ['accounts', 'catalog'] });
  let db: Pool;
  let broker: TestBroker;
  let admin: Headers;
  let customer: Headers;

  beforeAll(async () => {
    await system.start();
    db = new Pool({ connectionString: system.databaseUrl('catalog') });
    broker = await TestBroker.connect(system.namespace);
    admin = bearer((await new Shop(system.gatewayUrl).signUp(ADMIN_EMAIL, 'Ada Admin')).token);
    customer = bearer((await new Shop(system.gatewayUrl).signUp('carl@example.com', 'Carl Customer')).token);
  }, 120_000);

  afterAll(async () => {
    await broker?.close();
    await db?.end();
    await system.stop();
  }, 60_000);

  async function create(name: string, priceCents: number, description = ''): Promise<string> {
    const response = await graphql<{ createProduct: { id: string } }>(
      system.gatewayUrl,
      CREATE_PRODUCT,
      { input: { name, description, priceCents } },
      admin,
    );
    if (!response.data) throw new Error(JSON.stringify(response.errors));
    return response.data.createProduct.id;
  }

  async function page(variables: Record<string, unknown>): Promise<Page> {
    const response = await graphql<{ products: Page }>(system.gatewayUrl, PRODUCTS, variables);
    if (!response.data) throw new Error(JSON.stringify(response.errors));
    return response.data.products;
  }

  /** Every product of a list, walking it `first` at a time. */
  async function walk(variables: Record<string, unknown>, first: number): Promise<{ ids: string[]; pages: number; totals: number[] }> {
    const ids: string[] = [];
    const totals: number[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const current: Page = await page({ ...variables, first, after });
      pages += 1;
      totals.push(current.totalCount);
      ids.push(...current.edges.map((edge) => edge.node.id));
      if (!current.pageInfo.hasNextPage) return { ids, pages, totals };
      after = current.pageInfo.endCursor;
    }
  }

  async function outbox(type: string, productId: string): Promise<EventEnvelope[]> {
    const rows = await db.query<{ envelope: EventEnvelope }>(
      "SELECT envelope FROM messaging_outbox WHERE type = $1 AND envelope->'data'->>'productId' = $2 ORDER BY id",
      [type, productId],
    );
    return rows.rows.map((row) => row.envelope);
  }

  describe('createProduct', () => {
    it('stores a trimmed product and records catalog.product.created.v1 with it', async () => {
      const response = await graphql(
        system.gatewayUrl,
        CREATE_PRODUCT,
        { input: { name: '  Desk lamp ', description: ' Warm light ', priceCents: 2599 } },
        admin,
      );
      expect(response.errors).toBeUndefined();
      const product = response.data!.createProduct as { id: string; createdAt: string };
      expect(product).toEqual({
        id: expect.any(String),
        name: 'Desk lamp',
        description: 'Warm light',
        priceCents: 2599,
        createdAt: expect.any(String),
      });
      const [created] = await outbox('catalog.product.created.v1', product.id);
      expect(created!.data).toEqual({
        productId: product.id,
        name: 'Desk lamp',
        description: 'Warm light',
        priceCents: 2599,
        createdAt: product.createdAt,
      });
    });

    it('refuses invalid input with BAD_USER_INPUT naming the field', async () => {
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ name: '   ', priceCents: 100 }, /name must be 1 to 200 characters/],
        [{ name: 'x'.repeat(201), priceCents: 100 }, /name must be 1 to 200 characters/],
        [{ name: 'Lamp', description: 'x'.repeat(4001), priceCents: 100 }, /description must be at most 4000/],
        [{ name: 'Lamp', priceCents: 0 }, /priceCents must be a whole number of cents from 1 to 100000000/],
        [{ name: 'Lamp', priceCents: 100_000_001 }, /priceCents must be/],
      ];
      for (const [input, message] of cases) {
        const response = await graphql(system.gatewayUrl, CREATE_PRODUCT, { input }, admin);
        expect(response.errors?.[0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code: 'BAD_USER_INPUT' } });
      }
    });

    it('lets only an ADMIN create products', async () => {
      const input = { name: 'Forbidden lamp', priceCents: 100 };
      expect((await graphql(system.gatewayUrl, CREATE_PRODUCT, { input })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect((await graphql(system.gatewayUrl, CREATE_PRODUCT, { input }, customer)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await page({ search: 'Forbidden lamp' })).totalCount).toBe(0);
    });
  });

  describe('updateProductPrice', () => {
    it('changes the price and records the previous and new price, and nothing when unchanged', async () => {
      const id = await create('Price lamp', 1000);
      const response = await graphql(system.gatewayUrl, UPDATE_PRICE, { id, priceCents: 1250 }, admin);
      expect(response).toEqual({ data: { updateProductPrice: { id, priceCents: 1250 } } });
      const unchanged = await graphql(system.gatewayUrl, UPDATE_PRICE, { id, priceCents: 1250 }, admin);
      expect(unchanged.errors).toBeUndefined();
      const events = await outbox('catalog.product.price-changed.v1', id);
      expect(events.map((event) => event.data)).toEqual([
        { productId: id, previousPriceCents: 1000, priceCents: 1250, changedAt: expect.any(String) },
      ]);
    });

    it('answers NOT_FOUND for an unknown product, BAD_USER_INPUT for a bad price, and only to an ADMIN', async () => {
      const id = await create('Guarded lamp', 1000);
      for (const unknown of [uuidv7(), 'nope']) {
        const response = await graphql(system.gatewayUrl, UPDATE_PRICE, { id: unknown, priceCents: 100 }, admin);
        expect(response.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      }
      expect((await graphql(system.gatewayUrl, UPDATE_PRICE, { id, priceCents: 0 }, admin)).errors?.[0]?.extensions?.code).toBe(
        'BAD_USER_INPUT',
      );
      expect((await graphql(system.gatewayUrl, UPDATE_PRICE, { id, priceCents: 5 })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect((await graphql(system.gatewayUrl, UPDATE_PRICE, { id, priceCents: 5 }, customer)).errors?.[0]?.extensions?.code).toBe(
        'FORBIDDEN',
      );
      expect(await outbox('catalog.product.price-changed.v1', id)).toEqual([]);
    });
  });

  describe('products', () => {
    const prices = [500, 300, 300, 900, 100, 300, 700];
    const created: { id: string; priceCents: number }[] = [];

    beforeAll(async () => {
      // One at a time, so creation order is the NEWEST order reversed.
      for (const [index, priceCents] of prices.entries())
        created.push({ id: await create(`Walker ${index}`, priceCents, 'for paging'), priceCents });
    }, 60_000);

    const byPriceThenId = (a: { id: string; priceCents: number }, b: { id: string; priceCents: number }) =>
      a.priceCents - b.priceCents || (a.id < b.id ? -1 : 1);

    it('pages through NEWEST, PRICE_ASC and PRICE_DESC without skipping or repeating a product', async () => {
      const newest = await walk({ search: 'walker' }, 2);
      expect(newest.ids).toEqual(created.map((product) => product.id).reverse());
      expect(newest.pages).toBe(4);
      expect(newest.totals).toEqual([7, 7, 7, 7]);

      const ascending = [...created].sort(byPriceThenId).map((product) => product.id);
      expect((await walk({ search: 'WALKER', orderBy: 'PRICE_ASC' }, 3)).ids).toEqual(ascending);
      expect((await walk({ search: 'walker', orderBy: 'PRICE_DESC' }, 2)).ids).toEqual([...ascending].reverse());
    });

    it('finds products by name or description, ignoring case, with % and _ matched literally', async () => {
      const percent = await create('100% cotton tee', 1500);
      const underscore = await create('snake_case mug', 800, 'Mug for 50% of coders');
      await create('1000 cotton tees', 1500, 'snakeXcase');
      expect((await page({ search: '0%' })).edges.map((edge) => edge.node.id).sort()).toEqual([percent, underscore].sort());
      expect((await page({ search: 'E_C' })).edges.map((edge) => edge.node.id)).toEqual([underscore]);
      expect((await page({ search: 'FOR PAGING' })).totalCount).toBe(7);
      expect((await page({ search: 'no such thing' })).edges).toEqual([]);
    });

    it('refuses a page size outside 1..100 and a cursor of another list', async () => {
      for (const first of [0, 101]) {
        const response = await graphql(system.gatewayUrl, PRODUCTS, { first });
        expect(response.errors?.[0]).toMatchObject({
          message: expect.stringMatching(/first must be between 1 and 100/),
          extensions: { code: 'BAD_USER_INPUT' },
        });
      }
      const cursor = (await page({ search: 'walker', first: 1 })).pageInfo.endCursor;
      for (const [after, orderBy] of [
        [cursor, 'PRICE_ASC'],
        ['garbage', 'NEWEST'],
      ]) {
        const response = await graphql(system.gatewayUrl, PRODUCTS, { after, orderBy });
        expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      }
    });
  });

  describe('ratings', () => {
    it('sorts by the rating summary kept from reviews, counting each review once, unrated last', async () => {
      const [best, single, middling, unrated] = [
        await create('Rated best', 100),
        await create('Rated single', 100),
        await create('Rated middling', 100),
        await create('Rated never', 100),
      ];
      const review = (productId: string, rating: number) =>
        buildEnvelope(ReviewPosted, {
          reviewId: uuidv7(),
          productId,
          authorId: uuidv7(),
          rating,
          verifiedPurchase: false,
          postedAt: new Date().toISOString(),
        });
      const first = review(best, 5);
      const reviews = [first, first, review(best, 5), review(single, 5), review(middling, 3), review(middling, 4), review(uuidv7(), 1)];
      await broker.publish(reviews);

      const distinct = new Set(reviews.map((event) => event.id));
      await waitFor(
        async () => (await db.query("SELECT 1 FROM messaging_inbox WHERE type = 'reviews.review.posted.v1'")).rowCount === distinct.size,
        {
          description: 'every review applied',
        },
      );
      const summary = await db.query('SELECT review_count, rating_sum FROM rating_summaries WHERE product_id = $1', [best]);
      expect(summary.rows).toEqual([{ review_count: 2, rating_sum: 10 }]);

      const expected = [best, single, middling];
      expect((await graphql(system.gatewayUrl, TOP_PRODUCTS, { first: 3 })).data).toEqual({ topProducts: expected.map((id) => ({ id })) });
      const topRated = await walk({ search: 'rated', orderBy: 'TOP_RATED' }, 1);
      expect(topRated.ids).toEqual([...expected, unrated]);
    });

    it('gives five top products by default and refuses more than 100', async () => {
      // Six products at least, whatever else this run created: five is then the default's doing.
      for (let index = 0; index < 6; index += 1) await create(`Top candidate ${index}`, 100);
      expect((await graphql<{ topProducts: unknown[] }>(system.gatewayUrl, '{ topProducts { id } }')).data?.topProducts).toHaveLength(5);
      expect((await graphql(system.gatewayUrl, TOP_PRODUCTS, { first: 101 })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });
  });
});
