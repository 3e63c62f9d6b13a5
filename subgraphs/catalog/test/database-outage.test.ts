import { ProductCreated } from '@agora/contracts';
import { ADMIN_EMAIL, http, Shop, type Shopper, SubgraphEvents, TestSystem, waitFor } from '@agora/testing';

const CREATE = 'mutation ($input: CreateProductInput!) { createProduct(input: $input) { id name } }';
const input = (name: string) => ({ input: { name, description: `${name}, for tests`, priceCents: 1_200 } });

describe('catalog while its database is unreachable', () => {
  const system = new TestSystem({ subgraphs: ['accounts', 'catalog'], databaseProxies: ['catalog'] });
  const shop = new Shop(() => system.gatewayUrl);
  let admin: Shopper;
  // Reads catalog's database directly, not through the proxy the test cuts.
  let catalogDb: SubgraphEvents;
  const productsNamed = async (name: string) =>
    (await catalogDb.db.execute(`SELECT id FROM products WHERE name = '${name}'`)).rows as { id: string }[];
  const recordedNamed = async (name: string) => (await catalogDb.recorded(ProductCreated.type)).filter((data) => data.name === name);

  beforeAll(async () => {
    await system.start();
    catalogDb = new SubgraphEvents(system, 'catalog');
    admin = await shop.signUp(ADMIN_EMAIL);
  }, 120_000);

  afterAll(async () => {
    await catalogDb?.close();
    await system.stop();
  }, 60_000);

  it('refuses mutations with SERVICE_UNAVAILABLE, writes and publishes nothing, and recovers when the connection returns', async () => {
    const proxy = system.databaseProxy('catalog');
    proxy.cut();
    try {
      const refused = await shop.call(CREATE, input('Unwritten kettle'), admin);
      expect(refused.errors?.[0]).toMatchObject({
        message: expect.stringContaining('The catalog database is unavailable'),
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      });
      expect(refused.data?.createProduct ?? null).toBeNull();
      await waitFor(
        async () => {
          const response = await http(`${system.subgraph('catalog').url}/health/ready`);
          return (
            response.status === 503 && response.json<{ checks: { database?: { status: string } } }>().checks.database?.status === 'down'
          );
        },
        { description: "catalog's readiness to report its database down", timeoutMs: 30_000 },
      );
    } finally {
      proxy.restore();
    }

    expect(await productsNamed('Unwritten kettle')).toEqual([]);
    expect(await recordedNamed('Unwritten kettle')).toEqual([]);

    const created = await waitFor(
      async () => {
        const response = await shop.call(CREATE, input('Written kettle'), admin);
        return response.data?.createProduct as { id: string } | undefined;
      },
      { description: 'catalog to accept mutations again', timeoutMs: 60_000 },
    );
    expect(await productsNamed('Written kettle')).toEqual([{ id: created.id }]);
    await waitFor(
      async () =>
        (await catalogDb.db.execute(`SELECT sent_at FROM messaging_outbox WHERE envelope->'data'->>'productId' = '${created.id}'`)).rows[0]
          ?.sent_at,
      { description: 'its ProductCreated to be published', timeoutMs: 30_000 },
    );
    expect(await recordedNamed('Unwritten kettle')).toEqual([]);
  }, 180_000);
});
