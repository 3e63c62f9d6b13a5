import { buildEnvelope, type EventEnvelope, OrderCancelled, OrderPlaced, uuidv7 } from '@agora/contracts';
import { freePort, graphql, ServiceProcess, TestSystem, waitFor, ADMIN_EMAIL, bearer, Shop, TestBroker } from '@agora/testing';
import { Pool } from 'pg';

const CREATE_PRODUCT = 'mutation ($input: CreateProductInput!) { createProduct(input: $input) { id } }';
const RESTOCK = 'mutation ($id: ID!, $quantity: Int!) { restock(productId: $id, quantity: $quantity) { id name stock inStock } }';
const STOCK = 'query ($id: ID!) { product(id: $id) { stock inStock } }';

type Headers = Record<string, string>;

describe('inventory', () => {
  const system = new TestSystem({ subgraphs: ['accounts', 'catalog', 'inventory'] });
  let broker: TestBroker;
  let db: Pool;
  let replica: ServiceProcess | undefined;
  let admin: Headers;
  let customer: Headers;

  beforeAll(async () => {
    await system.start();
    broker = await TestBroker.connect(system.namespace);
    db = new Pool({ connectionString: system.databaseUrl('inventory') });
    admin = bearer((await new Shop(system.gatewayUrl).signUp(ADMIN_EMAIL, 'Ada Admin')).token);
    customer = bearer((await new Shop(system.gatewayUrl).signUp('carl@example.com', 'Carl Customer')).token);
  }, 120_000);

  afterAll(async () => {
    await replica?.stop();
    await broker?.close();
    await db?.end();
    await system.stop();
  }, 60_000);

  /** Creates a product through the gateway and waits until inventory heard of it (restock works). */
  async function productWithStock(units: number, name = 'Desk lamp'): Promise<string> {
    const created = await graphql<{ createProduct: { id: string } }>(
      system.gatewayUrl,
      CREATE_PRODUCT,
      { input: { name, priceCents: 1999 } },
      admin,
    );
    const id = created.data!.createProduct.id;
    await waitFor(async () => (await db.query('SELECT 1 FROM stock_levels WHERE product_id = $1', [id])).rowCount === 1, {
      description: 'inventory to hear of the new product',
    });
    if (units > 0) expect((await graphql(system.gatewayUrl, RESTOCK, { id, quantity: units }, admin)).errors).toBeUndefined();
    return id;
  }

  async function stockOf(id: string): Promise<number> {
    const response = await graphql<{ product: { stock: number } }>(system.gatewayUrl, STOCK, { id });
    if (!response.data?.product) throw new Error(JSON.stringify(response.errors));
    return response.data.product.stock;
  }

  async function recorded(type: string, orderId: string): Promise<EventEnvelope[]> {
    const rows = await db.query<{ envelope: EventEnvelope }>(
      "SELECT envelope FROM messaging_outbox WHERE type = $1 AND envelope->'data'->>'orderId' = $2",
      [type, orderId],
    );
    return rows.rows.map((row) => row.envelope);
  }

  async function handledOrders(orderIds: readonly string[]): Promise<number> {
    const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM order_states WHERE order_id = ANY($1::uuid[])', [orderIds]);
    return rows.rows[0]!.n;
  }

  async function handled(eventId: string): Promise<boolean> {
    return (await db.query('SELECT 1 FROM messaging_inbox WHERE event_id = $1', [eventId])).rowCount === 1;
  }

  function placed(orderId: string, items: { productId: string; quantity: number }[]) {
    return buildEnvelope(OrderPlaced, {
      orderId,
      userId: uuidv7(),
      items: items.map((item) => ({ ...item, unitPriceCents: 1999 })),
      totalCents: 1999 * items.reduce((sum, item) => sum + item.quantity, 0),
      placedAt: new Date().toISOString(),
    });
  }

  function cancelled(orderId: string) {
    return buildEnvelope(OrderCancelled, { orderId, userId: uuidv7(), previousStatus: 'CONFIRMED', cancelledAt: new Date().toISOString() });
  }

  describe('restock', () => {
    it('starts a created product at zero and adds restocked units, through the gateway', async () => {
      const id = await productWithStock(0, 'Reading lamp');
      expect(await stockOf(id)).toBe(0);
      const first = await graphql(system.gatewayUrl, RESTOCK, { id, quantity: 7 }, admin);
      expect(first).toEqual({ data: { restock: { id, name: 'Reading lamp', stock: 7, inStock: true } } });
      const concurrent = await Promise.all(
        Array.from({ length: 10 }, () => graphql(system.gatewayUrl, RESTOCK, { id, quantity: 3 }, admin)),
      );
      expect(concurrent.every((response) => response.errors === undefined)).toBe(true);
      expect(await stockOf(id)).toBe(37);
    });

    it('refuses quantities outside 1..100000 with BAD_USER_INPUT', async () => {
      const id = await productWithStock(0);
      for (const quantity of [0, -3, 100_001]) {
        const response = await graphql(system.gatewayUrl, RESTOCK, { id, quantity }, admin);
        expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
        expect(response.errors?.[0]?.message).toMatch(/quantity must be a whole number from 1 to 100000/);
      }
      expect(await stockOf(id)).toBe(0);
    });

    it('answers NOT_FOUND for a product inventory never heard of', async () => {
      for (const id of [uuidv7(), 'nope']) {
        const response = await graphql(system.gatewayUrl, RESTOCK, { id, quantity: 1 }, admin);
        expect(response.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
        expect(response.errors?.[0]?.message).toMatch(/unknown to inventory/);
      }
    });

    it('lets only an ADMIN restock', async () => {
      const id = await productWithStock(0);
      const anonymous = await graphql(system.gatewayUrl, RESTOCK, { id, quantity: 1 });
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const asCustomer = await graphql(system.gatewayUrl, RESTOCK, { id, quantity: 1 }, customer);
      expect(asCustomer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(await stockOf(id)).toBe(0);
    });
  });

  describe('reservations', () => {
    beforeAll(async () => {
      // A second replica competes for the same queue: reservations run in two processes at once.
      const accounts = system.subgraph('accounts');
      replica = await new ServiceProcess({
        folder: 'subgraphs/inventory',
        port: await freePort(),
        env: {
          BROKER_NAMESPACE: system.namespace,
          JWKS_URL: `${accounts.url}/.well-known/jwks.json`,
          LOG_LEVEL: 'warn',
          DATABASE_URL: system.databaseUrl('inventory'),
        },
      }).start();
    }, 60_000);

    it('never oversells when many orders for the last units arrive at once, even redelivered', async () => {
      const lamp = await productWithStock(10);
      const orderIds = Array.from({ length: 30 }, () => uuidv7());
      const events = orderIds.map((orderId) => placed(orderId, [{ productId: lamp, quantity: 1 }]));
      // Every event twice, as at-least-once delivery may do.
      await broker.publish([...events, ...events]);

      await waitFor(async () => (await handledOrders(orderIds)) === 30, { timeoutMs: 30_000, description: 'all 30 orders handled' });
      const reserved = (await Promise.all(orderIds.map((id) => recorded('inventory.stock.reserved.v1', id)))).flat();
      const rejected = (await Promise.all(orderIds.map((id) => recorded('inventory.stock.rejected.v1', id)))).flat();
      expect(reserved).toHaveLength(10);
      expect(rejected).toHaveLength(20);
      expect(new Set([...reserved, ...rejected].map((event) => (event.data as { orderId: string }).orderId)).size).toBe(30);
      expect(rejected[0]!.data).toEqual({ orderId: expect.any(String), shortages: [{ productId: lamp, requested: 1, available: 0 }] });
      expect(await stockOf(lamp)).toBe(0);
      const held = await db.query<{ n: number }>(
        "SELECT coalesce(sum(quantity), 0)::int AS n FROM reservations WHERE product_id = $1 AND status = 'RESERVED'",
        [lamp],
      );
      expect(held.rows[0]!.n).toBe(10);
    }, 60_000);

    it('reserves all items of an order or none of them', async () => {
      const [plenty, scarce] = [await productWithStock(5, 'Plenty'), await productWithStock(1, 'Scarce')];
      const tooMany = uuidv7();
      await broker.publish([
        placed(tooMany, [
          { productId: plenty, quantity: 2 },
          { productId: scarce, quantity: 2 },
        ]),
      ]);
      const [rejection] = await waitFor(async () => {
        const events = await recorded('inventory.stock.rejected.v1', tooMany);
        return events.length > 0 && events;
      });
      expect(rejection!.data).toEqual({ orderId: tooMany, shortages: [{ productId: scarce, requested: 2, available: 1 }] });
      expect([await stockOf(plenty), await stockOf(scarce)]).toEqual([5, 1]);

      const fits = uuidv7();
      await broker.publish([
        placed(fits, [
          { productId: scarce, quantity: 1 },
          { productId: plenty, quantity: 1 },
          { productId: plenty, quantity: 1 },
        ]),
      ]);
      const [reservation] = await waitFor(async () => {
        const events = await recorded('inventory.stock.reserved.v1', fits);
        return events.length > 0 && events;
      });
      expect((reservation!.data as { items: unknown[] }).items).toEqual(
        expect.arrayContaining([
          { productId: plenty, quantity: 2 },
          { productId: scarce, quantity: 1 },
        ]),
      );
      expect([await stockOf(plenty), await stockOf(scarce)]).toEqual([3, 0]);
    }, 60_000);

    it('does not deadlock when orders lock the same products listed in opposite orders', async () => {
      const [first, second] = [await productWithStock(100, 'First'), await productWithStock(100, 'Second')];
      const orderIds = Array.from({ length: 40 }, () => uuidv7());
      await broker.publish(
        orderIds.map((orderId, index) =>
          placed(
            orderId,
            index % 2
              ? [
                  { productId: first, quantity: 1 },
                  { productId: second, quantity: 1 },
                ]
              : [
                  { productId: second, quantity: 1 },
                  { productId: first, quantity: 1 },
                ],
          ),
        ),
      );
      await waitFor(async () => (await handledOrders(orderIds)) === 40, { timeoutMs: 30_000, description: 'all 40 orders handled' });
      expect([await stockOf(first), await stockOf(second)]).toEqual([60, 60]);
    }, 60_000);

    it('releases exactly what a cancelled order reserved, once, however often the cancellation arrives', async () => {
      const lamp = await productWithStock(3);
      const [kept, dropped] = [uuidv7(), uuidv7()];
      await broker.publish([placed(kept, [{ productId: lamp, quantity: 1 }]), placed(dropped, [{ productId: lamp, quantity: 2 }])]);
      await waitFor(async () => (await stockOf(lamp)) === 0, { description: 'both orders reserved' });

      // Two distinct cancellation events of one order (a retried cancel) and a redelivery of one.
      const cancellation = cancelled(dropped);
      const retried = cancelled(dropped);
      await broker.publish([cancellation, cancellation, retried]);
      const [release] = await waitFor(async () => {
        const events = await recorded('inventory.stock.released.v1', dropped);
        return events.length > 0 && events;
      });
      expect(release!.data).toEqual({ orderId: dropped, items: [{ productId: lamp, quantity: 2 }] });
      await waitFor(() => handled(retried.id), { description: 'the second cancellation event handled' });
      expect(await stockOf(lamp)).toBe(2);
      expect(await recorded('inventory.stock.released.v1', dropped)).toHaveLength(1);
      const statuses = await db.query('SELECT order_id, status FROM reservations WHERE product_id = $1 ORDER BY order_id', [lamp]);
      expect(statuses.rows).toEqual(
        expect.arrayContaining([
          { order_id: kept, status: 'RESERVED' },
          { order_id: dropped, status: 'RELEASED' },
        ]),
      );
    }, 60_000);

    it('reserves nothing for an order whose cancellation overtook its placement', async () => {
      const lamp = await productWithStock(2);
      const crossed = uuidv7();
      await broker.publish([cancelled(crossed)]);
      await waitFor(async () => (await handledOrders([crossed])) === 1, { description: 'the early cancellation remembered' });
      const late = placed(crossed, [{ productId: lamp, quantity: 1 }]);
      await broker.publish([late]);
      // The placement's inbox row proves it was handled; it must have had no effect.
      await waitFor(() => handled(late.id), { description: 'the late placement handled' });
      expect(await stockOf(lamp)).toBe(2);
      expect(await recorded('inventory.stock.reserved.v1', crossed)).toEqual([]);
      expect(await recorded('inventory.stock.rejected.v1', crossed)).toEqual([]);
      expect(await recorded('inventory.stock.released.v1', crossed)).toEqual([]);
      expect((await db.query('SELECT state FROM order_states WHERE order_id = $1', [crossed])).rows).toEqual([{ state: 'CANCELLED' }]);
    }, 60_000);

    it('parks none of the events above in the dead-letter queue', async () => {
      expect(await broker.parked('inventory')).toBe(0);
    });
  });
});
