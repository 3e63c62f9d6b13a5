import { type GraphQLResponse, http, Shop, type Shopper, TestSystem, waitFor } from '@agora/testing';
import { readFileSync } from 'node:fs';

const ALL_SUBGRAPHS = ['accounts', 'catalog', 'inventory', 'orders', 'reviews', 'notifications'];

/** The README's deep query across all six subgraphs, read from the README so that the two never drift apart. */
const SHOP_QUERY = /```graphql\n(query Shop \{[\s\S]*?)```/.exec(readFileSync('README.md', 'utf8'))?.[1];

/**
 * What each subgraph serves in the Shop query: the fields that come back null while it is down
 * or hung (`*` is every element of a list). Without accounts there is no `me`, so nothing below it.
 */
const SERVED_BY: Record<string, readonly string[]> = {
  inventory: ['products.edges.*.node.stock', 'products.edges.*.node.inStock', 'me.orders.edges.*.node.items.*.product.stock'],
  reviews: ['products.edges.*.node.averageRating', 'products.edges.*.node.reviewCount', 'products.edges.*.node.reviews'],
  accounts: ['products.edges.*.node.reviews.edges.*.node.author', 'me'],
  orders: ['me.orders'],
  notifications: ['me.notifications'],
};

/** Short, so that a hung subgraph costs the test little; long enough for a healthy one on a busy machine. */
const SUBGRAPH_TIMEOUT_MS = 2_000;
/** Each check polls for its answer; the gateway must give one within this bound, however the subgraph fails. */
const ANSWER_WITHIN_MS = 45_000;

/** A copy of `answer` with every field at `paths` set to null. */
function withNulls(answer: unknown, paths: readonly string[]): unknown {
  const copy = structuredClone(answer);
  const nullAt = (value: unknown, [head, ...rest]: string[]): void => {
    if (value === null || typeof value !== 'object' || head === undefined) return;
    if (head === '*') {
      for (const element of value as unknown[]) nullAt(element, rest);
      return;
    }
    const record = value as Record<string, unknown>;
    if (rest.length === 0) record[head] = null;
    else nullAt(record[head], rest);
  };
  for (const path of paths) nullAt(copy, path.split('.'));
  return copy;
}

describe('the gateway while one subgraph is down or hung', () => {
  const system = new TestSystem({
    subgraphs: ALL_SUBGRAPHS,
    gatewayEnv: { SUBGRAPH_TIMEOUT_MS: String(SUBGRAPH_TIMEOUT_MS), SUBGRAPH_CIRCUIT_FAILURES: '3', SUBGRAPH_CIRCUIT_COOLDOWN_MS: '1000' },
  });
  let shop: Shop;
  let ada: Shopper;
  let full: unknown;

  const ask = (): Promise<GraphQLResponse<Record<string, any>>> => shop.call(SHOP_QUERY!, {}, ada);

  /** Polls the Shop query until its answer is `expected`, and returns that response. */
  async function answerBecomes(expected: unknown, description: string): Promise<GraphQLResponse> {
    return waitFor(
      async () => {
        const response = await ask();
        return JSON.stringify(response.data) === JSON.stringify(expected) ? response : undefined;
      },
      { timeoutMs: ANSWER_WITHIN_MS, intervalMs: 200, description },
    );
  }

  /** The answer without `subgraph`: every other field as in the full answer, and errors that name it. */
  async function expectAnswerWithout(subgraph: string, state: string): Promise<void> {
    const response = await answerBecomes(withNulls(full, SERVED_BY[subgraph]!), `the answer without ${subgraph} (${state})`);
    expect(response.errors?.length).toBeGreaterThan(0);
    for (const error of response.errors ?? []) {
      expect(error).toMatchObject({
        message: expect.stringContaining(`The ${subgraph} service`),
        extensions: { code: 'SERVICE_UNAVAILABLE', service: subgraph },
      });
    }
  }

  beforeAll(async () => {
    expect(SHOP_QUERY).toBeDefined();
    await system.start();
    shop = new Shop(system.gatewayUrl);
    const admin = await shop.signUp('admin@agora.local', 'Admin');
    ada = await shop.signUp('ada@example.com', 'Ada');
    const lamp = await shop.createProduct(admin, 'Desk lamp', 2500);
    const mug = await shop.createProduct(admin, 'Coffee mug', 800);
    await shop.restock(admin, lamp, 5);
    await shop.restock(admin, mug, 5);
    const order = await shop.placeOrder(ada, [
      { productId: lamp, quantity: 1 },
      { productId: mug, quantity: 2 },
    ]);
    expect(await shop.settledStatus(ada, order.id)).toBe('CONFIRMED');
    await shop.postReview(ada, lamp, 5, 'Warm and bright.');
    // Events settle in the background: wait for the rating to reach catalog and both notifications to arrive.
    full = await waitFor(
      async () => {
        const { data, errors } = await ask();
        const settled =
          !errors &&
          data?.products.edges[0]?.node.id === lamp &&
          data.products.edges[0].node.reviewCount === 1 &&
          data.me?.notifications?.length === 2;
        return settled ? data : undefined;
      },
      { timeoutMs: 60_000, description: 'the full answer, with the rating and the notifications' },
    );
  }, 180_000);

  afterAll(() => system.stop(), 60_000);

  it('answers the Shop query in full while every subgraph is up', () => {
    expect(full).toMatchObject({
      products: {
        totalCount: 2,
        edges: [{ node: { name: 'Desk lamp', stock: 4, inStock: true, reviewCount: 1 } }, { node: { name: 'Coffee mug', stock: 3 } }],
      },
      me: { name: 'Ada', orders: { edges: [{ node: { status: 'CONFIRMED' } }] }, notifications: [{}, {}] },
    });
  });

  it(
    'reads an order from orders’ own copy of the product names while catalog is down, and counts the failed calls',
    async () => {
      const catalog = system.subgraph('catalog');
      await catalog.stop();
      try {
        const response = await waitFor(
          async () => {
            const answer = await shop.call(
              '{ me { orders(first: 1) { edges { node { items { productName quantity product { name } } } } } } }',
              {},
              ada,
            );
            return answer.data?.me ? answer : undefined;
          },
          { timeoutMs: ANSWER_WITHIN_MS, description: 'an answer while catalog is down' },
        );
        expect(response.data?.me.orders.edges[0].node.items).toEqual([
          { productName: 'Coffee mug', quantity: 2, product: null },
          { productName: 'Desk lamp', quantity: 1, product: null },
        ]);
        expect(response.errors?.length).toBeGreaterThan(0);
        for (const error of response.errors ?? [])
          expect(error.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', service: 'catalog' });
        const metrics = (await http(`${system.gateway!.url}/metrics`)).body;
        expect(metrics).toMatch(/^agora_gateway_subgraph_calls_total\{subgraph="catalog",outcome="(unreachable|circuit-open)"\} [1-9]/m);
      } finally {
        await catalog.start();
      }
      await answerBecomes(full, 'the full answer once catalog is started again');
    },
    3 * ANSWER_WITHIN_MS,
  );

  it.each(Object.keys(SERVED_BY))(
    'keeps every other field when %s is stopped, then hung, and answers in full again once it is back, without a gateway restart',
    async (name) => {
      const subgraph = system.subgraph(name);

      await subgraph.stop();
      await expectAnswerWithout(name, 'stopped');
      await subgraph.start();
      await answerBecomes(full, `the full answer once ${name} is started again`);

      subgraph.pause();
      try {
        await expectAnswerWithout(name, 'hung');
      } finally {
        subgraph.resume();
      }
      await answerBecomes(full, `the full answer once ${name} runs on`);
    },
    4 * ANSWER_WITHIN_MS,
  );
});
