import { OrderCancelled, OrderConfirmed, OrderRejected, uuidv7 } from '@agora/contracts';
import { TestSystem, waitFor, SubgraphEvents, Shop, type Shopper } from '@agora/testing';

interface FeedEntry {
  readonly id: string;
  readonly kind: string;
  readonly message: string;
  readonly orderId: string | null;
  readonly readAt: string | null;
}

const FEED =
  'query ($id: ID!, $unreadOnly: Boolean) { user(id: $id) { notifications(unreadOnly: $unreadOnly) { id kind message orderId readAt } } }';
const MY_FEED = '{ me { notifications { id kind message orderId readAt } } }';
const MARK_READ = 'mutation ($ids: [ID!]!) { markNotificationsRead(ids: $ids) }';

describe('notifications through the gateway', () => {
  const system = new TestSystem({ subgraphs: ['accounts', 'notifications'] });
  let events: SubgraphEvents;
  let dana: Shopper;
  let eve: Shopper;
  let admin: Shopper;

  const shop = new Shop(() => system.gatewayUrl);
  const { call, ok, signUp } = shop;
  const feedOf = async (who: Shopper): Promise<FeedEntry[]> => (await ok(MY_FEED, {}, who)).me.notifications;
  const feedWith = (who: Shopper, count: number) =>
    waitFor(
      async () => {
        const feed = await feedOf(who);
        return feed.length >= count ? feed : undefined;
      },
      { description: `${count} notifications` },
    );

  beforeAll(async () => {
    await system.start();
    events = new SubgraphEvents(system, 'notifications');
    // accounts' UserRegistered must find the queue bound.
    [dana, eve, admin] = await Promise.all([
      signUp('dana@example.com', 'Dana'),
      signUp('eve@example.com', 'Eve'),
      signUp('admin@agora.local', 'Admin'),
    ]);
  }, 120_000);

  afterAll(async () => {
    await events?.close();
    await system.stop();
  }, 60_000);

  it('welcomes a new user by name', async () => {
    const [welcome] = await feedWith(dana, 1);
    expect(welcome).toMatchObject({ kind: 'WELCOME', message: 'Welcome to Agora, Dana!', orderId: null, readAt: null });
  });

  it('tells the buyer about each outcome of an order, once however often an event arrives', async () => {
    await feedWith(eve, 1);
    const confirmedOrder = uuidv7();
    const rejectedOrder = uuidv7();
    const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
    const confirmed = {
      orderId: confirmedOrder,
      userId: eve.id,
      items: [{ productId: uuidv7(), quantity: 1 }],
      totalCents: 1999,
      confirmedAt: at(1),
    };
    await events.publish(OrderConfirmed, confirmed);
    await events.publish(OrderConfirmed, confirmed); // a replay with a new event id
    await events.publish(OrderRejected, {
      orderId: rejectedOrder,
      userId: eve.id,
      reason: 'Not enough stock for Mug (ordered 2, 1 available).',
      rejectedAt: at(2),
    });
    await events.publish(OrderCancelled, { orderId: confirmedOrder, userId: eve.id, previousStatus: 'CONFIRMED', cancelledAt: at(3) });

    const feed = await feedWith(eve, 4);
    await waitFor(
      async () => (await events.db.execute("SELECT 1 FROM messaging_inbox WHERE type = 'orders.order.confirmed.v1'")).rowCount === 2,
      {
        description: 'both confirmations to be consumed',
      },
    );
    expect((await feedOf(eve)).map((entry) => [entry.kind, entry.orderId, entry.message])).toEqual([
      ['ORDER_CANCELLED', confirmedOrder, 'Your order was cancelled; the reserved items went back to stock.'],
      ['ORDER_REJECTED', rejectedOrder, 'Your order was rejected: Not enough stock for Mug (ordered 2, 1 available).'],
      ['ORDER_CONFIRMED', confirmedOrder, 'Your order of $19.99 is confirmed.'],
      ['WELCOME', null, 'Welcome to Agora, Eve!'],
    ]);
    expect(feed).toHaveLength(4);
  });

  it('shows a feed only to its owner: not to another user, not to an ADMIN, not anonymously', async () => {
    await feedWith(dana, 1); // the owner sees it once the welcome has arrived
    expect((await call(FEED, { id: dana.id }, eve)).errors?.[0]).toMatchObject({
      message: 'You may only read your own notifications.',
      extensions: { code: 'FORBIDDEN' },
    });
    expect((await call(FEED, { id: dana.id }, admin)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await call(FEED, { id: dana.id })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a feed size outside 1 to 100 with BAD_USER_INPUT naming first', async () => {
    const SIZED_FEED = 'query ($first: Int) { me { notifications(first: $first) { id } } }';
    for (const first of [0, -1, 101]) {
      expect((await call(SIZED_FEED, { first }, dana)).errors?.[0]).toMatchObject({
        message: `first must be between 1 and 100; got ${first}.`,
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    expect((await ok(SIZED_FEED, { first: 100 }, dana)).me.notifications).toEqual(expect.any(Array));
  });

  it("marks only the viewer's own unread notifications read, and counts what changed", async () => {
    const [danaWelcome] = await feedWith(dana, 1);
    const [eveLatest] = await feedWith(eve, 1);
    const eveUnread = (await ok(FEED, { id: eve.id, unreadOnly: true }, eve)).user.notifications.length;

    expect((await call(MARK_READ, { ids: [danaWelcome!.id] })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await call(MARK_READ, { ids: ['not-an-id'] }, dana)).errors?.[0]).toMatchObject({
      message: expect.stringContaining('not-an-id'),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    // Someone else's notification is left alone.
    expect((await ok(MARK_READ, { ids: [eveLatest!.id] }, dana)).markNotificationsRead).toBe(0);
    expect((await ok(MARK_READ, { ids: [danaWelcome!.id, danaWelcome!.id, uuidv7()] }, dana)).markNotificationsRead).toBe(1);
    expect((await ok(MARK_READ, { ids: [danaWelcome!.id] }, dana)).markNotificationsRead).toBe(0);

    expect((await ok(FEED, { id: dana.id, unreadOnly: true }, dana)).user.notifications).toEqual([]);
    expect((await feedOf(dana))[0]!.readAt).toEqual(expect.any(String));
    expect((await ok(FEED, { id: eve.id, unreadOnly: true }, eve)).user.notifications).toHaveLength(eveUnread);
  });
});
