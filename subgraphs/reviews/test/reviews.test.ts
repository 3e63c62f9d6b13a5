import { type EventOf, OrderCancelled, OrderConfirmed, ProductCreated, ReviewPosted, uuidv7 } from '@agora/contracts';
import { TestSystem, waitFor, SubgraphEvents, Shop, type Shopper } from '@agora/testing';

const POST = `mutation ($input: PostReviewInput!) {
  postReview(input: $input) {
    id rating body verifiedPurchase author { id }
    product { id averageRating reviewCount reviews(first: 10) { totalCount edges { node { id author { id } } } } }
  }
}`;
const REVIEWS_OF_USER =
  'query ($id: ID!, $first: Int, $after: String) { user(id: $id) { reviews(first: $first, after: $after) { totalCount edges { node { id product { id } } } pageInfo { hasNextPage endCursor } } } }';

describe('reviews through the gateway', () => {
  const system = new TestSystem({ subgraphs: ['accounts', 'reviews'] });
  let events: SubgraphEvents;
  let buyer: Shopper;
  let confirmation: EventOf<typeof OrderConfirmed>;
  let browser: Shopper;
  const teapot = uuidv7();
  const kettle = uuidv7();

  const shop = new Shop(() => system.gatewayUrl);
  const { call, ok, signUp } = shop;
  const consumed = (type: string, count: number) =>
    waitFor(
      async () =>
        Number((await events.db.execute(`SELECT count(*)::int AS n FROM messaging_inbox WHERE type = '${type}'`)).rows[0]!.n) >= count,
      {
        description: `reviews to consume ${count} ${type}`,
      },
    );

  beforeAll(async () => {
    await system.start();
    events = new SubgraphEvents(system, 'reviews');
    [buyer, browser] = await Promise.all([signUp('buyer@example.com'), signUp('browser@example.com')]);
    const createdAt = new Date().toISOString();
    await events.publish(ProductCreated, { productId: teapot, name: 'Teapot', description: '', priceCents: 2500, createdAt });
    await events.publish(ProductCreated, { productId: kettle, name: 'Kettle', description: '', priceCents: 4000, createdAt });
    confirmation = {
      orderId: uuidv7(),
      userId: buyer.id,
      items: [{ productId: teapot, quantity: 1 }],
      totalCents: 2500,
      confirmedAt: createdAt,
    };
    // The same confirmation twice (as a replay with a new event id would be): one purchase.
    await events.publish(OrderConfirmed, confirmation);
    await events.publish(OrderConfirmed, confirmation);
    await Promise.all([consumed(ProductCreated.type, 2), consumed(OrderConfirmed.type, 2)]);
  }, 120_000);

  afterAll(async () => {
    await events?.close();
    await system.stop();
  }, 60_000);

  it('records a purchase once however often the confirmation arrives', async () => {
    const purchases = await events.db.execute<{ user_id: string; order_id: string; purchased_at: string }>(
      `SELECT user_id, order_id, purchased_at FROM purchases WHERE product_id = '${teapot}'`,
    );
    expect(purchases.rows.map((row) => ({ ...row, purchased_at: new Date(row.purchased_at).toISOString() }))).toEqual([
      { user_id: buyer.id, order_id: confirmation.orderId, purchased_at: confirmation.confirmedAt },
    ]);
  });

  it('asks an anonymous reviewer to sign in', async () => {
    const response = await call(POST, { input: { productId: teapot, rating: 5, body: 'Great' } });
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a bad rating, an empty body and an unknown product, saying which', async () => {
    const rating = await call(POST, { input: { productId: teapot, rating: 6, body: 'Great' } }, browser);
    expect(rating.errors?.[0]).toMatchObject({
      message: expect.stringContaining('rating must be a whole number of stars from 1 to 5'),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const body = await call(POST, { input: { productId: teapot, rating: 3, body: '   ' } }, browser);
    expect(body.errors?.[0]).toMatchObject({ message: expect.stringContaining('body is empty'), extensions: { code: 'BAD_USER_INPUT' } });
    const long = await call(POST, { input: { productId: teapot, rating: 3, body: 'x'.repeat(4001) } }, browser);
    expect(long.errors?.[0]?.message).toContain('at most 4000');
    const stranger = uuidv7();
    const unknown = await call(POST, { input: { productId: stranger, rating: 3, body: 'Hm' } }, browser);
    expect(unknown.errors?.[0]).toMatchObject({
      message: expect.stringContaining(`No product has the id ${stranger}`),
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it("marks a buyer's review as a verified purchase and another's not, and sums up the product", async () => {
    const fromBuyer = (await ok(POST, { input: { productId: teapot, rating: 5, body: '  Pours well.  ' } }, buyer)).postReview;
    expect(fromBuyer).toMatchObject({ rating: 5, body: 'Pours well.', verifiedPurchase: true, author: { id: buyer.id } });
    const fromBrowser = (await ok(POST, { input: { productId: teapot, rating: 2, body: 'Looks fragile.' } }, browser)).postReview;
    expect(fromBrowser.verifiedPurchase).toBe(false);
    expect(fromBrowser.product).toMatchObject({ id: teapot, averageRating: 3.5, reviewCount: 2 });
    expect(fromBrowser.product.reviews.totalCount).toBe(2);
    // Newest first.
    expect(fromBrowser.product.reviews.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([fromBrowser.id, fromBuyer.id]);
    expect(await events.recorded(ReviewPosted.type)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ reviewId: fromBuyer.id, productId: teapot, authorId: buyer.id, rating: 5, verifiedPurchase: true }),
        expect.objectContaining({ reviewId: fromBrowser.id, authorId: browser.id, rating: 2, verifiedPurchase: false }),
      ]),
    );
  });

  it('refuses a second review of the same product by the same person', async () => {
    await waitFor(async () => (await ok(REVIEWS_OF_USER, { id: buyer.id })).user.reviews.totalCount === 1, {
      description: "the buyer's review",
    });
    const again = await call(POST, { input: { productId: teapot, rating: 1, body: 'Changed my mind' } }, buyer);
    expect(again.errors?.[0]).toMatchObject({
      message: expect.stringContaining('You already reviewed'),
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it("pages a user's reviews newest first", async () => {
    const writer = await signUp('writer@example.com');
    const first = (await ok(POST, { input: { productId: teapot, rating: 4, body: 'Nice' } }, writer)).postReview.id;
    const second = (await ok(POST, { input: { productId: kettle, rating: 3, body: 'Loud' } }, writer)).postReview.id;
    const page1 = (await ok(REVIEWS_OF_USER, { id: writer.id, first: 1 })).user.reviews;
    expect(page1).toMatchObject({
      totalCount: 2,
      edges: [{ node: { id: second, product: { id: kettle } } }],
      pageInfo: { hasNextPage: true },
    });
    const page2 = (await ok(REVIEWS_OF_USER, { id: writer.id, first: 1, after: page1.pageInfo.endCursor })).user.reviews;
    expect(page2).toMatchObject({ edges: [{ node: { id: first } }], pageInfo: { hasNextPage: false } });
  });

  it('no longer counts a purchase whose order was cancelled, while a review posted before keeps its flag', async () => {
    const [keeper, canceller] = await Promise.all([signUp('keeper@example.com'), signUp('canceller@example.com')]);
    const kettleOrder = (userId: string) => ({
      orderId: uuidv7(),
      userId,
      items: [{ productId: kettle, quantity: 1 }],
      totalCents: 4000,
      confirmedAt: new Date().toISOString(),
    });
    const keeperOrder = kettleOrder(keeper.id);
    const cancellerOrder = kettleOrder(canceller.id);
    const cancelled = (order: { orderId: string; userId: string }) => ({
      orderId: order.orderId,
      userId: order.userId,
      previousStatus: 'CONFIRMED' as const,
      cancelledAt: new Date().toISOString(),
    });
    const confirmationsBefore = await events.recorded(OrderConfirmed.type);
    await events.publish(OrderConfirmed, keeperOrder);
    await events.publish(OrderConfirmed, cancellerOrder);
    await consumed(OrderConfirmed.type, confirmationsBefore.length + 2);

    // The keeper reviews before cancelling: the review keeps the flag it was posted with.
    const early = (await ok(POST, { input: { productId: kettle, rating: 4, body: 'Boils fast.' } }, keeper)).postReview;
    expect(early.verifiedPurchase).toBe(true);
    const cancellationsBefore = await events.recorded(OrderCancelled.type);
    await events.publish(OrderCancelled, cancelled(keeperOrder));
    await events.publish(OrderCancelled, cancelled(cancellerOrder));
    await consumed(OrderCancelled.type, cancellationsBefore.length + 2);

    const late = (await ok(POST, { input: { productId: kettle, rating: 2, body: 'Returned it.' } }, canceller)).postReview;
    expect(late.verifiedPurchase).toBe(false);
    const keeperReviews = (await ok(REVIEWS_OF_USER, { id: keeper.id })).user.reviews;
    expect(keeperReviews.edges).toEqual([{ node: { id: early.id, product: { id: kettle } } }]);
    const kept = await events.db.execute(`SELECT verified_purchase FROM reviews WHERE id = '${early.id}'`);
    expect(kept.rows).toEqual([{ verified_purchase: true }]);
  }, 60_000);

  it('does not count a purchase that a confirmation crossing its cancellation left behind', async () => {
    // The crossing itself is a race; its outcome is a purchase row of an order that is cancelled.
    const crossed = await signUp('crossed@example.com');
    const orderId = uuidv7();
    const cancellationsBefore = await events.recorded(OrderCancelled.type);
    await events.publish(OrderCancelled, {
      orderId,
      userId: crossed.id,
      previousStatus: 'CONFIRMED',
      cancelledAt: new Date().toISOString(),
    });
    await consumed(OrderCancelled.type, cancellationsBefore.length + 1);
    await events.db.execute(`INSERT INTO purchases (user_id, product_id, order_id) VALUES ('${crossed.id}', '${kettle}', '${orderId}')`);

    const review = (await ok(POST, { input: { productId: kettle, rating: 3, body: 'Never arrived.' } }, crossed)).postReview;
    expect(review.verifiedPurchase).toBe(false);
  }, 60_000);

  it('ignores a confirmation that arrives after its order was cancelled', async () => {
    const late = await signUp('late-confirmation@example.com');
    const orderId = uuidv7();
    const cancellationsBefore = await events.recorded(OrderCancelled.type);
    await events.publish(OrderCancelled, { orderId, userId: late.id, previousStatus: 'CONFIRMED', cancelledAt: new Date().toISOString() });
    await consumed(OrderCancelled.type, cancellationsBefore.length + 1);
    const confirmationsBefore = await events.recorded(OrderConfirmed.type);
    await events.publish(OrderConfirmed, {
      orderId,
      userId: late.id,
      items: [{ productId: teapot, quantity: 1 }],
      totalCents: 2500,
      confirmedAt: new Date().toISOString(),
    });
    await consumed(OrderConfirmed.type, confirmationsBefore.length + 1);

    const review = (await ok(POST, { input: { productId: teapot, rating: 3, body: 'Fine.' } }, late)).postReview;
    expect(review.verifiedPurchase).toBe(false);
  }, 60_000);
});
