import { OrderPlaced, ProductCreated, ProductPriceChanged, StockRejected, StockReserved, uuidv7 } from '@agora/contracts';
import { TestSystem, waitFor, SubgraphEvents, Shop, type Shopper } from '@agora/testing';

const PLACE =
  'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id status totalCents items { product { id } quantity unitPriceCents } } }';
const CANCEL = 'mutation ($id: ID!) { cancelOrder(id: $id) { id status } }';
const ORDER = 'query ($id: ID!) { order(id: $id) { id status rejectionReason totalCents user { id } } }';
const ORDERS_OF =
  'query ($id: ID!, $first: Int, $after: String) { user(id: $id) { orders(first: $first, after: $after) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } } }';

const MUG = uuidv7();
const LAMP = uuidv7();

describe('orders through the gateway', () => {
  const system = new TestSystem({ subgraphs: ['accounts', 'orders'] });
  let events: SubgraphEvents;
  let alice: Shopper;
  let bob: Shopper;
  let admin: Shopper;

  const shop = new Shop(() => system.gatewayUrl);
  const { call, ok, signUp } = shop;
  const place = async (who: Shopper, items: { productId: string; quantity: number }[]) =>
    (await ok(PLACE, { input: { items } }, who)).placeOrder;
  const statusOf = async (orderId: string) => (await ok(ORDER, { id: orderId }, admin)).order;

  beforeAll(async () => {
    await system.start();
    events = new SubgraphEvents(system, 'orders');
    [alice, bob, admin] = await Promise.all([signUp('alice@example.com'), signUp('bob@example.com'), signUp('admin@agora.local')]);
    const createdAt = new Date(Date.now() - 60_000).toISOString();
    await events.publish(ProductCreated, { productId: MUG, name: 'Mug', description: '', priceCents: 1200, createdAt });
    await events.publish(ProductCreated, { productId: LAMP, name: 'Lamp', description: '', priceCents: 5000, createdAt });
    // Ready when both products can be ordered.
    await waitFor(
      async () =>
        !(
          await call(
            PLACE,
            {
              input: {
                items: [
                  { productId: MUG, quantity: 1 },
                  { productId: LAMP, quantity: 1 },
                ],
              },
            },
            bob,
          )
        ).errors,
      {
        description: 'orders to learn the products',
      },
    );
  }, 120_000);

  afterAll(async () => {
    await events?.close();
    await system.stop();
  }, 60_000);

  it('asks an anonymous buyer to sign in', async () => {
    const response = await call(PLACE, { input: { items: [{ productId: MUG, quantity: 1 }] } });
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses bad quantities, too many items and unknown products, saying which', async () => {
    const zero = await call(PLACE, { input: { items: [{ productId: MUG, quantity: 0 }] } }, alice);
    expect(zero.errors?.[0]).toMatchObject({
      message: expect.stringContaining('items[0].quantity must be between 1 and 100'),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const tooMany = await call(PLACE, { input: { items: Array.from({ length: 51 }, () => ({ productId: MUG, quantity: 1 })) } }, alice);
    expect(tooMany.errors?.[0]?.message).toMatch(/at most 50 items/);
    const stranger = uuidv7();
    const unknown = await call(
      PLACE,
      {
        input: {
          items: [
            { productId: MUG, quantity: 1 },
            { productId: stranger, quantity: 1 },
          ],
        },
      },
      alice,
    );
    expect(unknown.errors?.[0]).toMatchObject({
      message: expect.stringContaining(`Unknown product ${stranger}`),
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('stores a PENDING order priced from the local copy, merging a product listed twice, and records OrderPlaced', async () => {
    const order = await place(alice, [
      { productId: MUG, quantity: 1 },
      { productId: LAMP, quantity: 1 },
      { productId: MUG, quantity: 2 },
    ]);
    expect(order).toMatchObject({ status: 'PENDING', totalCents: 3 * 1200 + 5000 });
    expect(order.items).toEqual(
      expect.arrayContaining([
        { product: { id: MUG }, quantity: 3, unitPriceCents: 1200 },
        { product: { id: LAMP }, quantity: 1, unitPriceCents: 5000 },
      ]),
    );
    const placed = await events.recorded(OrderPlaced.type);
    expect(placed).toContainEqual(expect.objectContaining({ orderId: order.id, userId: alice.id, totalCents: 8600 }));
  });

  it('confirms a PENDING order when inventory reserved it, with all its lines', async () => {
    const lines = [
      { productId: MUG, quantity: 1 },
      { productId: LAMP, quantity: 2 },
    ];
    const order = await place(alice, lines);
    await events.publish(StockReserved, { orderId: order.id, items: lines });
    await waitFor(async () => (await statusOf(order.id)).status === 'CONFIRMED', { description: 'the order to be CONFIRMED' });
    const confirmed = (await events.recorded('orders.order.confirmed.v1')).find((event) => event.orderId === order.id);
    expect(confirmed).toMatchObject({ userId: alice.id, totalCents: 1200 + 2 * 5000 });
    expect(confirmed?.items).toEqual(expect.arrayContaining(lines));
    expect(confirmed?.items).toHaveLength(2);
  });

  it('rejects a PENDING order naming the products that fell short', async () => {
    const order = await place(bob, [
      { productId: MUG, quantity: 1 },
      { productId: LAMP, quantity: 2 },
    ]);
    await events.publish(StockRejected, { orderId: order.id, shortages: [{ productId: LAMP, requested: 2, available: 1 }] });
    const rejected = await waitFor(
      async () => {
        const current = await statusOf(order.id);
        return current.status === 'REJECTED' ? current : undefined;
      },
      { description: 'the order to be REJECTED' },
    );
    expect(rejected.rejectionReason).toBe('Not enough stock for Lamp (ordered 2, 1 available).');
    expect(await events.recorded('orders.order.rejected.v1')).toContainEqual(
      expect.objectContaining({ orderId: order.id, userId: bob.id, reason: rejected.rejectionReason }),
    );
  });

  it('lets the owner cancel a CONFIRMED order once, recording the previous status', async () => {
    const order = await place(alice, [{ productId: LAMP, quantity: 1 }]);
    await events.publish(StockReserved, { orderId: order.id, items: [{ productId: LAMP, quantity: 1 }] });
    await waitFor(async () => (await statusOf(order.id)).status === 'CONFIRMED', { description: 'the order to be CONFIRMED' });

    expect((await call(CANCEL, { id: order.id }, bob)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await call(CANCEL, { id: order.id })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await ok(CANCEL, { id: order.id }, alice)).cancelOrder).toEqual({ id: order.id, status: 'CANCELLED' });
    const again = await call(CANCEL, { id: order.id }, alice);
    expect(again.errors?.[0]).toMatchObject({
      message: `Order ${order.id} is CANCELLED; only PENDING or CONFIRMED orders can be cancelled.`,
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(await events.recorded('orders.order.cancelled.v1')).toContainEqual(
      expect.objectContaining({ orderId: order.id, userId: alice.id, previousStatus: 'CONFIRMED' }),
    );
  });

  it('answers NOT_FOUND for cancelling an unknown order, and lets an ADMIN cancel anyone’s', async () => {
    const unknown = uuidv7();
    expect((await call(CANCEL, { id: unknown }, alice)).errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    const order = await place(bob, [{ productId: MUG, quantity: 1 }]);
    expect((await ok(CANCEL, { id: order.id }, admin)).cancelOrder.status).toBe('CANCELLED');
  });

  it('keeps a cancelled order CANCELLED when the reservation arrives after the cancel (the crossing case)', async () => {
    const order = await place(alice, [{ productId: MUG, quantity: 2 }]);
    await ok(CANCEL, { id: order.id }, alice);
    const reservation = await events.publish(StockReserved, { orderId: order.id, items: [{ productId: MUG, quantity: 2 }] });
    // The reservation was consumed (inbox row) without changing the order or confirming it.
    await waitFor(async () => (await events.db.execute(`SELECT 1 FROM messaging_inbox WHERE event_id = '${reservation}'`)).rowCount === 1, {
      description: 'orders to consume the late reservation',
    });
    expect((await statusOf(order.id)).status).toBe('CANCELLED');
    expect(await events.recorded('orders.order.confirmed.v1')).not.toContainEqual(expect.objectContaining({ orderId: order.id }));
  });

  it('shows an order to its owner and ADMINs only, and null for an unknown id', async () => {
    const order = await place(alice, [{ productId: MUG, quantity: 1 }]);
    expect((await ok(ORDER, { id: order.id }, alice)).order).toMatchObject({ id: order.id, user: { id: alice.id }, status: 'PENDING' });
    expect((await ok(ORDER, { id: order.id }, admin)).order.id).toBe(order.id);
    expect((await call(ORDER, { id: order.id }, bob)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await call(ORDER, { id: order.id })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await ok(ORDER, { id: uuidv7() }, alice)).order).toBeNull();
  });

  it("pages a user's orders newest first, for the user and ADMINs only", async () => {
    const carol = await signUp('carol@example.com');
    const placed: string[] = [];
    for (let i = 0; i < 5; i += 1) placed.push((await place(carol, [{ productId: MUG, quantity: 1 }])).id);
    const newestFirst = [...placed].reverse();

    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Record<string, any> = (await ok(ORDERS_OF, { id: carol.id, first: 2, after }, carol)).user.orders;
      expect(page.totalCount).toBe(5);
      seen.push(...page.edges.map((edge: { node: { id: string } }) => edge.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(newestFirst);
    expect((await ok(ORDERS_OF, { id: carol.id }, admin)).user.orders.totalCount).toBe(5);
    expect((await call(ORDERS_OF, { id: carol.id }, bob)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await call(ORDERS_OF, { id: carol.id, after: 'garbage' }, carol)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('prices later orders with the newest price, whatever order the price changes arrive in', async () => {
    const now = Date.now();
    await events.publish(ProductPriceChanged, {
      productId: MUG,
      previousPriceCents: 1200,
      priceCents: 1500,
      changedAt: new Date(now).toISOString(),
    });
    // An older change that arrives late must not win.
    await events.publish(ProductPriceChanged, {
      productId: MUG,
      previousPriceCents: 1200,
      priceCents: 1300,
      changedAt: new Date(now - 1000).toISOString(),
    });
    await waitFor(
      async () =>
        (await events.db.execute("SELECT count(*)::int AS n FROM messaging_inbox WHERE type = 'catalog.product.price-changed.v1'")).rows[0]!
          .n === 2,
      {
        description: 'orders to consume both price changes',
      },
    );
    expect((await place(alice, [{ productId: MUG, quantity: 1 }])).totalCents).toBe(1500);
  });

  it('learns a product whose price change arrived before its creation', async () => {
    const vase = uuidv7();
    const createdAt = new Date(Date.now() - 5000).toISOString();
    await events.publish(ProductPriceChanged, {
      productId: vase,
      previousPriceCents: 900,
      priceCents: 700,
      changedAt: new Date().toISOString(),
    });
    await waitFor(async () => (await events.db.execute(`SELECT 1 FROM products WHERE id = '${vase}'`)).rowCount === 1, {
      description: 'orders to store the early price',
    });
    // Known by price but not by name yet: not orderable.
    expect((await call(PLACE, { input: { items: [{ productId: vase, quantity: 1 }] } }, alice)).errors?.[0]?.message).toContain(
      `Unknown product ${vase}`,
    );
    await events.publish(ProductCreated, { productId: vase, name: 'Vase', description: '', priceCents: 900, createdAt });
    const order = await waitFor(
      async () =>
        (await call(PLACE, { input: { items: [{ productId: vase, quantity: 1 }] } }, alice)).data?.placeOrder as
          { totalCents: number } | undefined,
      {
        description: 'the vase to be orderable',
      },
    );
    expect(order.totalCents).toBe(700);
  });
});
