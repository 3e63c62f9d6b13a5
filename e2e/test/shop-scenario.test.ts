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
  const pools: Pool[] = [];

  /** Reads a service's own database: only to wait for an event to have reached it. */
  function database(service: string) {
    const pool = new Pool({ connectionString: system.databaseUrl(service) });
    pools.push(pool);
    return drizzle(pool);
  }

  // Each test arranges what it reads (its own products and buyers), so it passes run alone.
  async function stockedProduct(name: string, priceCents: number, units: number): Promise<string> {
    const id = await shop.createProduct(admin, name, priceCents);
    expect(await shop.restock(admin, id, units)).toBe(units);
    return id;
  }

  async function settledOrder(buyer: Shopper, productId: string, quantity = 1): Promise<{ id: string; status: string }> {
    const order = await shop.placeOrder(buyer, [{ productId, quantity }]);
    return { id: order.id, status: await shop.settledStatus(buyer, order.id) };
  }

  /** The purchase reaches reviews through orders.order.confirmed.v1: waits until it has arrived. */
  async function purchaseRecorded(buyer: Shopper, productId: string): Promise<void> {
    const reviews = database('reviews');
    await waitFor(
      async () => {
        const rows = await reviews
          .select()
          .from(purchases)
          .where(and(eq(purchases.userId, buyer.id), eq(purchases.productId, productId)));
        return rows.length > 0;
      },
      { description: 'reviews to record the purchase' },
    );
  }

  beforeAll(async () => {
    await system.start();
    shop = new Shop(system.gatewayUrl);
    admin = await shop.signUp('admin@agora.local', 'Admin');
  }, 120_000);

  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
    await system.stop();
  }, 60_000);

  it('confirms exactly 10 of 30 concurrent one-unit orders for 10 units, and rejects 20', async () => {
    const customers = await Promise.all(['ada', 'grace', 'alan'].map((name) => shop.signUp(`${name}@example.com`)));
    const lamp = await stockedProduct('Desk lamp', 1000, 10);
    const statuses = await Promise.all(
      Array.from({ length: 30 }, async (_, index) => (await settledOrder(customers[index % 3]!, lamp)).status),
    );
    expect(count(statuses, 'CONFIRMED')).toBe(10);
    expect(count(statuses, 'REJECTED')).toBe(20);
    expect(await shop.stock(lamp)).toBe(0);
  }, 120_000);

  it('tells the reason of a rejection on the order, naming the product', async () => {
    const buyer = await shop.signUp('reason@example.com');
    const lamp = await stockedProduct('Reading lamp', 1000, 1);
    const order = await settledOrder(buyer, lamp, 2);
    expect(order.status).toBe('REJECTED');
    const data = await shop.ok('query ($id: ID!) { order(id: $id) { rejectionReason } }', { id: order.id }, buyer);
    expect(data.order.rejectionReason).toMatch(/Reading lamp/);
  });

  it('gives a buyer a welcome and one notification per confirmed or rejected order', async () => {
    const buyer = await shop.signUp('notified@example.com');
    const lamp = await stockedProduct('Floor lamp', 1000, 1);
    expect((await settledOrder(buyer, lamp)).status).toBe('CONFIRMED');
    expect((await settledOrder(buyer, lamp)).status).toBe('REJECTED');
    const expected = ['ORDER_CONFIRMED', 'ORDER_REJECTED', 'WELCOME'];
    await waitFor(async () => JSON.stringify(await shop.notificationKinds(buyer)) === JSON.stringify(expected), {
      timeoutMs: 30_000,
      description: 'the notifications of both settled orders',
    });
  }, 60_000);

  it("marks a confirmed buyer's review as a verified purchase, and another's not", async () => {
    const [buyer, nonBuyer] = await Promise.all([shop.signUp('verified@example.com'), shop.signUp('linus@example.com')]);
    const lamp = await stockedProduct('Wall lamp', 1000, 1);
    expect((await settledOrder(buyer, lamp)).status).toBe('CONFIRMED');
    await purchaseRecorded(buyer, lamp);
    expect((await shop.postReview(buyer, lamp, 5, 'Warm and bright.')).verifiedPurchase).toBe(true);
    expect((await shop.postReview(nonBuyer, lamp, 2, 'Never bought it.')).verifiedPurchase).toBe(false);
  });

  it('puts the better rated product above the worse rated one in topProducts', async () => {
    const critic = await shop.signUp('critic@example.com');
    const [better, worse] = [await shop.createProduct(admin, 'Good kettle', 3000), await shop.createProduct(admin, 'Poor kettle', 3000)];
    await shop.postReview(critic, worse, 1, 'Leaks.');
    await shop.postReview(critic, better, 5, 'Boils fast.');
    await waitFor(
      async () => {
        const data = await shop.ok('{ topProducts(first: 100) { id } }');
        const ids = data.topProducts.map((product: { id: string }) => product.id);
        return ids.includes(better) && ids.includes(worse) && ids.indexOf(better) < ids.indexOf(worse);
      },
      { description: 'catalog to sort by the new ratings' },
    );
  });

  it('fetches price, stock, reviews with their authors and the average rating in one query', async () => {
    const buyer = await shop.signUp('reviewer@example.com', 'Reviewer');
    const lamp = await stockedProduct('Desk light', 1000, 1);
    expect((await settledOrder(buyer, lamp)).status).toBe('CONFIRMED');
    await purchaseRecorded(buyer, lamp);
    await shop.postReview(buyer, lamp, 5, 'Warm and bright.');
    const query = `query ($id: ID!) { product(id: $id) { name priceCents stock inStock averageRating reviewCount
         reviews(first: 5) { totalCount edges { node { rating body verifiedPurchase author { name } } } } } }`;
    // The rating reaches catalog through reviews.review.posted.v1: wait until it has arrived.
    const response = await waitFor(
      async () => {
        const answer = await shop.call(query, { id: lamp });
        return answer.data?.product?.reviewCount === 1 ? answer : undefined;
      },
      { description: 'catalog to count the review' },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.product).toMatchObject({
      name: 'Desk light',
      priceCents: 1000,
      stock: 0,
      inStock: false,
      averageRating: 5,
      reviewCount: 1,
    });
    expect(response.data?.product.reviews.edges[0].node).toMatchObject({
      rating: 5,
      verifiedPurchase: true,
      author: { name: 'Reviewer' },
    });
  });

  it('gives the unit of a cancelled confirmed order back to stock, and tells the buyer', async () => {
    const buyer = await shop.signUp('canceller@example.com');
    const lamp = await stockedProduct('Bedside lamp', 1000, 1);
    const order = await settledOrder(buyer, lamp);
    expect(order.status).toBe('CONFIRMED');
    expect(await shop.stock(lamp)).toBe(0);
    const cancelled = await shop.ok('mutation ($id: ID!) { cancelOrder(id: $id) { status } }', { id: order.id }, buyer);
    expect(cancelled.cancelOrder.status).toBe('CANCELLED');
    await waitFor(async () => (await shop.stock(lamp)) === 1, { description: 'inventory to release the reservation' });
    await waitFor(async () => (await shop.notificationKinds(buyer)).includes('ORDER_CANCELLED'), {
      description: 'the cancellation notice',
    });
  });

  it('prices later orders at a changed price', async () => {
    const buyer = await shop.signUp('repricing@example.com');
    const mug = await stockedProduct('Coffee mug', 500, 5);
    await shop.ok('mutation ($id: ID!) { updateProductPrice(id: $id, priceCents: 1500) { priceCents } }', { id: mug }, admin);
    const orders = database('orders');
    await waitFor(
      async () => {
        const [copy] = await orders.select().from(orderedProducts).where(eq(orderedProducts.id, mug));
        return copy?.priceCents === 1500;
      },
      { description: 'orders to learn the new price' },
    );
    const order = await shop.placeOrder(buyer, [{ productId: mug, quantity: 2 }]);
    expect(order.items[0]!.unitPriceCents).toBe(1500);
    expect(order.totalCents).toBe(3000);
  });
});
