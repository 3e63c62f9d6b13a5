import { Shop, TestSystem } from '@agora/testing';
import { DEMO_CUSTOMERS, DEMO_ORDERS, DEMO_PRODUCTS, DEMO_REVIEWS } from '../../tools/seed/demo-data';
import { seed, ShopClient } from '../../tools/seed/seed';

describe('the demo data seed', () => {
  const system = new TestSystem({ subgraphs: ['accounts', 'catalog', 'inventory', 'orders', 'reviews', 'notifications'] });

  beforeAll(() => system.start(), 120_000);
  afterAll(() => system.stop(), 60_000);

  it('fills an empty shop through the public API, so every event flows', async () => {
    const lines: string[] = [];
    await seed(new ShopClient(system.gatewayUrl), (line) => lines.push(line));
    expect(lines.at(-1)).toMatch(/reviews posted/);

    const shop = new Shop(system.gatewayUrl);
    const catalogue = await shop.ok('{ products(first: 100) { totalCount edges { node { stock reviewCount } } } }');
    expect(catalogue.products.totalCount).toBe(DEMO_PRODUCTS.length);
    const reviewCount = catalogue.products.edges.reduce(
      (sum: number, edge: { node: { reviewCount: number } }) => sum + edge.node.reviewCount,
      0,
    );
    expect(reviewCount).toBe(DEMO_REVIEWS.length);

    const ada = await shop.ok(
      'mutation ($email: String!, $password: String!) { logIn(email: $email, password: $password) { token user { id } } }',
      { email: DEMO_CUSTOMERS[0].email, password: DEMO_CUSTOMERS[0].password },
    );
    const mine = await shop.ok(
      '{ me { orders { totalCount edges { node { status } } } } }',
      {},
      { id: ada.logIn.user.id, token: ada.logIn.token, role: 'CUSTOMER' },
    );
    expect(mine.me.orders.totalCount).toBe(DEMO_ORDERS.filter((order) => order.customer === 0).length);
    expect(mine.me.orders.edges.every((edge: { node: { status: string } }) => edge.node.status === 'CONFIRMED')).toBe(true);
  }, 120_000);
});
