import { uuidv7 } from '@agora/contracts';
import { KEEP_ALIVE_TIMEOUT_MS } from '@agora/runtime';
import { graphql, http, TestSystem, waitFor } from '@agora/testing';
import { drizzle } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
import { products } from '../../subgraphs/catalog/src/db/schema';
import { stockLevels } from '../../subgraphs/inventory/src/db/schema';

const PRODUCT_QUERY = 'query ($id: ID!) { product(id: $id) { id name priceCents stock inStock } }';

describe('the gateway over real subgraph processes', () => {
  const system = new TestSystem({ subgraphs: ['catalog', 'inventory'] });
  const productId = uuidv7();
  const pools: Pool[] = [];

  beforeAll(async () => {
    await system.start();
    // Arrange state directly in each service's own database (the write API comes with the shop).
    const catalog = new Pool({ connectionString: system.databaseUrl('catalog') });
    const inventory = new Pool({ connectionString: system.databaseUrl('inventory') });
    pools.push(catalog, inventory);
    await drizzle(catalog).insert(products).values({ id: productId, name: 'Desk lamp', description: 'Warm light', priceCents: 2599 });
    await drizzle(inventory).insert(stockLevels).values({ productId, available: 3 });
  }, 90_000);

  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
    await system.stop();
  }, 60_000);

  it('answers a trivial query', async () => {
    const response = await graphql(system.gatewayUrl, '{ __typename }');
    expect(response).toEqual({ data: { __typename: 'Query' } });
  });

  it('resolves one product with fields from catalog and inventory through an entity reference', async () => {
    const response = await graphql(system.gatewayUrl, PRODUCT_QUERY, { id: productId });
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({ product: { id: productId, name: 'Desk lamp', priceCents: 2599, stock: 3, inStock: true } });
  });

  it('keeps or drops fields by @include and @skip on variables, across subgraphs', async () => {
    // The gateway shapes answers itself (response-shaping.ts), testing each condition against the
    // executor's own classes: a second copy of them in the running gateway would keep every field.
    const query = `query ($id: ID!, $withStock: Boolean!, $hideName: Boolean!) {
      product(id: $id) { id name @skip(if: $hideName) stock @include(if: $withStock) }
    }`;
    const lean = await graphql(system.gatewayUrl, query, { id: productId, withStock: false, hideName: true });
    expect(lean).toEqual({ data: { product: { id: productId } } });
    const full = await graphql(system.gatewayUrl, query, { id: productId, withStock: true, hideName: false });
    expect(full).toEqual({ data: { product: { id: productId, name: 'Desk lamp', stock: 3 } } });
  });

  it('answers null for a product that does not exist', async () => {
    const response = await graphql(system.gatewayUrl, PRODUCT_QUERY, { id: uuidv7() });
    expect(response).toEqual({ data: { product: null } });
  });

  it('reports the gateway and each subgraph ready, with what it checked', async () => {
    const gateway = (await http(`${system.gateway!.url}/health/ready`)).json();
    expect(gateway).toEqual({ status: 'ready', checks: { supergraph: { status: 'up' } } });
    const catalog = (await http(`${system.subgraph('catalog').url}/health/ready`)).json<{ checks: Record<string, unknown> }>();
    expect(catalog.checks.database).toEqual({ status: 'up' });
  });

  it('exposes Prometheus metrics at /metrics on the gateway and each subgraph', async () => {
    await graphql(system.gatewayUrl, '{ __typename }');
    const gateway = (await http(`${system.gateway!.url}/metrics`)).body;
    expect(gateway).toMatch(/^http_request_duration_seconds_count\{method="POST",route="\/graphql",status="200"\} [1-9]/m);
    expect(gateway).toMatch(/^process_cpu_seconds_total /m);
    const catalog = (await http(`${system.subgraph('catalog').url}/metrics`)).body;
    expect(catalog).toMatch(/^agora_events_consumed_total\{outcome="handled"\} \d+/m);
  });

  it('answers a browser from another origin and lets it read the correlation id', async () => {
    const response = await http(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://shop.example' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.headers.get('access-control-allow-origin')).toBe('http://shop.example');
    expect(response.headers.get('access-control-expose-headers')).toContain('x-correlation-id');
  });

  it('keeps idle connections longer than load balancers do, and says so', async () => {
    for (const origin of [system.gateway!.url, system.subgraph('catalog').url]) {
      const response = await http(`${origin}/health/live`);
      expect(response.headers.get('keep-alive')).toBe(`timeout=${KEEP_ALIVE_TIMEOUT_MS / 1000}`);
    }
  });

  it('shows Apollo Sandbox to a browser that opens /graphql', async () => {
    const response = await http(system.gatewayUrl, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.body).toContain('sandbox');
  });

  it('rejects a malformed query with a code and a readable message', async () => {
    const response = await graphql(system.gatewayUrl, '{ product(id: 1) { nope } }');
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors?.[0]?.message).toMatch(/nope/);
  });

  it('keeps serving the healthy subgraphs while one is stopped, and recovers when it is back', async () => {
    const inventory = system.subgraph('inventory');
    await inventory.stop();

    const partial = await graphql(system.gatewayUrl, 'query ($id: ID!) { product(id: $id) { name } }', { id: productId });
    expect(partial).toEqual({ data: { product: { name: 'Desk lamp' } } });

    const missing = await graphql(system.gatewayUrl, PRODUCT_QUERY, { id: productId });
    expect(missing.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(missing.errors?.[0]?.message).toMatch(/inventory service is unavailable/);

    await inventory.start();
    const recovered = await waitFor(async () => {
      const response = await graphql(system.gatewayUrl, PRODUCT_QUERY, { id: productId });
      return response.errors ? undefined : response;
    });
    expect(recovered.data).toEqual({ product: { id: productId, name: 'Desk lamp', priceCents: 2599, stock: 3, inStock: true } });
  }, 60_000);
});
