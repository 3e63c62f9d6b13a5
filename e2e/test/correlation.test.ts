import { outbox } from '@agora/messaging';
import { bearer, http, Shop, type Shopper, TestSystem, waitFor } from '@agora/testing';
import { drizzle } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';

describe('a correlation id, from the gateway request through every event it causes', () => {
  const system = new TestSystem({ subgraphs: ['accounts', 'catalog', 'inventory', 'orders'] });
  const shop = new Shop(() => system.gatewayUrl);
  const pools: Pool[] = [];
  let customer: Shopper;
  let product: string;

  /** The correlation ids of the events a service recorded, by type. */
  async function recorded(service: string): Promise<Map<string, string[]>> {
    const pool = new Pool({ connectionString: system.databaseUrl(service), max: 1 });
    pools.push(pool);
    const rows = await drizzle(pool).select({ type: outbox.type, envelope: outbox.envelope }).from(outbox);
    const byType = new Map<string, string[]>();
    for (const row of rows) {
      const correlationId = (row.envelope as { correlationid: string }).correlationid;
      byType.set(row.type, [...(byType.get(row.type) ?? []), correlationId]);
    }
    return byType;
  }

  beforeAll(async () => {
    await system.start();
    const admin = await shop.signUp('admin@agora.local');
    customer = await shop.signUp('carol@example.com');
    product = await shop.createProduct(admin, 'Teapot', 2500);
    await shop.restock(admin, product, 3);
    await shop.placeOrder(customer, [{ productId: product, quantity: 1 }]); // orders knows the product now
  }, 120_000);

  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
    await system.stop();
  }, 60_000);

  it("is echoed to the client and carried by the order's events in orders and inventory", async () => {
    const correlationId = `checkout-${Date.now()}`;
    const response = await http(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(customer.token), 'x-correlation-id': correlationId },
      body: JSON.stringify({ query: `mutation { placeOrder(input: {items: [{productId: "${product}", quantity: 1}]}) { id } }` }),
    });
    expect(response.headers.get('x-correlation-id')).toBe(correlationId);
    const orderId = response.json<{ data: { placeOrder: { id: string } } }>().data.placeOrder.id;
    expect(await shop.settledStatus(customer, orderId)).toBe('CONFIRMED');

    const orders = await waitFor(
      async () => {
        const events = await recorded('orders');
        return events.get('orders.order.confirmed.v1')?.includes(correlationId) ? events : undefined;
      },
      { description: "orders.order.confirmed.v1 with the request's correlation id" },
    );
    expect(orders.get('orders.order.placed.v1')).toContain(correlationId);
    expect((await recorded('inventory')).get('inventory.stock.reserved.v1')).toContain(correlationId);
  });

  it('is made up by the gateway when the client sends none, or an unusable one', async () => {
    const none = await http(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    });
    expect(none.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    const unusable = await http(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-correlation-id': 'x'.repeat(500) },
      body: '{"query":"{ __typename }"}',
    });
    expect(unusable.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
