import { TestSystem, waitFor, Shop, type Shopper } from '@agora/testing';
import { and, eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
import { products as orderedProducts } from '../../subgraphs/orders/src/db/schema';
import { purchases } from '../../subgraphs/reviews/src/db/schema';

const ALL_SUBGRAPHS = ['accounts', 'catalog', 'inventory', 'orders', 'reviews', 'notifications'];

function count(values: readonly string[], value: string): number {
  return values.filter((candidate) => candidate === value).length;
}

describe('the shop, end to end through the gateway', () => {
  const system = new TestSystem({ subgraphs: ALL_SUBGRAPHS });
  let shop: Shop;
  let admin: Shopper;
  let customers: Shopper[];
  let lamp: string;
  let mug: string;
  const outcomes = new Map<string, { buyer: Shopper; status: string }>();
  const pools: Pool[] = [];

  /** Reads a service's own database: only to wait for an event to have reached it. */
  function database(service: string) {
    const pool = new Pool({ connectionString: system.databaseUrl(service) });
    pools.push(pool);
    return drizzle(pool);
  }

  beforeAll(async () => {
    await system.start();
    shop = new Shop(system.gatewayUrl);
    admin = await shop.signUp('admin@agora.local', 'Admin');
    customers = await Promise.all(['ada', 'grace', 'alan'].map((name) => shop.signUp(`${name}@example.com`)));
    lamp = await shop.createProduct(admin, 'Desk lamp', 1000);
    mug = await shop.createProduct(admin, 'Coffee mug', 500);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
    await system.stop();
  }, 60_000);

  it('confirms exactly 10 of 30 concurrent one-unit orders for 10 units, and rejects 20', async () => {
    expect(await shop.restock(admin, lamp, 10)).toBe(10);
    const placed = await Promise.all(
      Array.from({ length: 30 }, async (_, index) => {
        const buyer = customers[index % 3]!;
        const order = await shop.placeOrder(buyer, [{ productId: lamp, quantity: 1 }]);
        return { buyer, id: order.id };
      }),
    );
    for (const { buyer, id } of placed) outcomes.set(id, { buyer, status: await shop.settledStatus(buyer, id) });
    const statuses = [...outcomes.values()].map((outcome) => outcome.status);
    expect(count(statuses, 'CONFIRMED')).toBe(10);
    expect(count(statuses, 'REJECTED')).toBe(20);
    expect(await shop.stock(lamp)).toBe(0);
  }, 120_000);

  it('tells the reason of a rejection on the order', async () => {
    const [rejectedId, { buyer }] = [...outcomes].find(([, outcome]) => outcome.status === 'REJECTED')!;
    const data = await shop.ok('query ($id: ID!) { order(id: $id) { rejectionReason } }', { id: rejectedId }, buyer);
    expect(data.order.rejectionReason).toMatch(/Desk lamp/);
  });

  it('gives each buyer a welcome and one notification per confirmed or rejected order', async () => {
    for (const buyer of customers) {
      const mine = [...outcomes.values()].filter((outcome) => outcome.buyer === buyer);
      const expected = [
        'WELCOME',
        ...mine.filter((outcome) => outcome.status === 'CONFIRMED').map(() => 'ORDER_CONFIRMED'),
        ...mine.filter((outcome) => outcome.status === 'REJECTED').map(() => 'ORDER_REJECTED'),
      ].sort();
      await waitFor(async () => JSON.stringify(await shop.notificationKinds(buyer)) === JSON.stringify(expected), {
        timeoutMs: 30_000,
        description: 'the notifications of every settled order',
      });
    }
  }, 60_000);

  it("marks a confirmed buyer's review as a verified purchase, and another's not", async () => {
    const confirmedBuyer = [...outcomes.values()].find((outcome) => outcome.status === 'CONFIRMED')!.buyer;
    const nonBuyer = await shop.signUp('linus@example.com');
    const post = 'mutation ($input: PostReviewInput!) { postReview(input: $input) { verifiedPurchase } }';
    // The purchase reaches reviews through orders.order.confirmed.v1: wait until it has arrived.
    const reviews = database('reviews');
    await waitFor(
      async () => {
        const rows = await reviews
          .select()
          .from(purchases)
          .where(and(eq(purchases.userId, confirmedBuyer.id), eq(purchases.productId, lamp)));
        // One row per confirmed order of the lamp: this buyer may have several.
        return rows.length > 0;
      },
      { description: 'reviews to record the purchase' },
    );
    const verified = await shop.ok(post, { input: { productId: lamp, rating: 5, body: 'Warm and bright.' } }, confirmedBuyer);
    expect(verified.postReview.verifiedPurchase).toBe(true);
    const unverified = await shop.ok(post, { input: { productId: mug, rating: 2, body: 'Chipped on arrival.' } }, nonBuyer);
    expect(unverified.postReview.verifiedPurchase).toBe(false);
  });

  it('moves the better rated product to the top of topProducts', async () => {
    await waitFor(
      async () => {
        const data = await shop.ok('{ topProducts(first: 2) { id averageRating } }');
        return JSON.stringify(data.topProducts.map((product: { id: string }) => product.id)) === JSON.stringify([lamp, mug]);
      },
      { description: 'catalog to sort by the new ratings' },
    );
  });

  it('fetches price, stock, reviews with their authors and the average rating in one query', async () => {
    const response = await shop.call(
      `query ($id: ID!) { product(id: $id) { name priceCents stock inStock averageRating reviewCount
         reviews(first: 5) { totalCount edges { node { rating body verifiedPurchase author { name } } } } } }`,
      { id: lamp },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.product).toMatchObject({
      name: 'Desk lamp',
      priceCents: 1000,
      stock: 0,
      inStock: false,
      averageRating: 5,
      reviewCount: 1,
    });
    expect(response.data?.product.reviews.edges[0].node).toMatchObject({
      rating: 5,
      verifiedPurchase: true,
      author: { name: expect.any(String) },
    });
  });

  it('gives the unit of a cancelled confirmed order back to stock', async () => {
    const [orderId, { buyer }] = [...outcomes].find(([, outcome]) => outcome.status === 'CONFIRMED')!;
    const cancelled = await shop.ok('mutation ($id: ID!) { cancelOrder(id: $id) { status } }', { id: orderId }, buyer);
    expect(cancelled.cancelOrder.status).toBe('CANCELLED');
    await waitFor(async () => (await shop.stock(lamp)) === 1, { description: 'inventory to release the reservation' });
    await waitFor(async () => (await shop.notificationKinds(buyer)).includes('ORDER_CANCELLED'), {
      description: 'the cancellation notice',
    });
  });

  it('prices later orders at a changed price', async () => {
    await shop.ok('mutation ($id: ID!) { updateProductPrice(id: $id, priceCents: 1500) { priceCents } }', { id: mug }, admin);
    await shop.restock(admin, mug, 5);
    const orders = database('orders');
    await waitFor(
      async () => {
        const [copy] = await orders.select().from(orderedProducts).where(eq(orderedProducts.id, mug));
        return copy?.priceCents === 1500;
      },
      { description: 'orders to learn the new price' },
    );
    const order = await shop.placeOrder(customers[0]!, [{ productId: mug, quantity: 2 }]);
    expect(order.items[0]!.unitPriceCents).toBe(1500);
    expect(order.totalCents).toBe(3000);
  });
});
