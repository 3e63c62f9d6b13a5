import { CORRELATION_ID_ATTRIBUTE, sagaSpans, type SpanRecord } from '@agora/telemetry';
import { bearer, graphql, http, OtlpTestReceiver, Shop, type Shopper, TestSystem, waitFor } from '@agora/testing';

/** The steps of a confirmed order, each caused by the one before it. */
const SAGA_STEPS = [
  { service: 'orders', name: 'create orders.order.placed.v1' },
  { service: 'orders', name: 'publish orders.order.placed.v1' },
  { service: 'inventory', name: 'process orders.order.placed.v1' },
  { service: 'inventory', name: 'inbox orders.order.placed.v1' },
  { service: 'inventory', name: 'create inventory.stock.reserved.v1' },
  { service: 'inventory', name: 'publish inventory.stock.reserved.v1' },
  { service: 'orders', name: 'process inventory.stock.reserved.v1' },
  { service: 'orders', name: 'inbox inventory.stock.reserved.v1' },
  { service: 'orders', name: 'create orders.order.confirmed.v1' },
  { service: 'orders', name: 'publish orders.order.confirmed.v1' },
  { service: 'notifications', name: 'process orders.order.confirmed.v1' },
  { service: 'notifications', name: 'inbox orders.order.confirmed.v1' },
] as const;

/** True when `span` descends from `ancestor` through parents or span links. */
function descendsFrom(span: SpanRecord, ancestor: SpanRecord, byId: ReadonlyMap<string, SpanRecord>): boolean {
  const seen = new Set<string>();
  const pending = [span];
  while (pending.length > 0) {
    const current = pending.pop()!;
    if (seen.has(current.spanId)) continue;
    seen.add(current.spanId);
    const causes = [current.parentSpanId, ...current.links.map((link) => link.spanId)].filter((id): id is string => id !== undefined);
    if (causes.includes(ancestor.spanId)) return true;
    for (const id of causes) {
      const cause = byId.get(id);
      if (cause) pending.push(cause);
    }
  }
  return false;
}

/** The value of one sample in Prometheus' text format, or undefined when it is not there. */
function sample(metrics: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of metrics.split('\n')) {
    const match = /^([a-z_:]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match?.[1] === name && wanted.every((label) => (match[2] ?? '').split(',').includes(label))) return Number(match[3]);
  }
  return undefined;
}

describe('one trace from the gateway request to the last consumer', () => {
  const receiver = new OtlpTestReceiver();
  let system: TestSystem;
  const shop = new Shop(() => system.gatewayUrl);
  let customer: Shopper;
  let product: string;

  beforeAll(async () => {
    await receiver.start();
    system = new TestSystem({
      subgraphs: ['accounts', 'catalog', 'inventory', 'orders', 'notifications'],
      env: receiver.env,
      // inventory logs each order it hears of at debug: the log line to find the trace id on.
      subgraphEnv: { inventory: { LOG_LEVEL: 'debug' } },
    });
    await system.start();
    const admin = await shop.signUp('admin@agora.local');
    customer = await shop.signUp('tracy@example.com');
    product = await shop.createProduct(admin, 'Lantern', 1800);
    await shop.restock(admin, product, 5);
    await shop.placeOrder(customer, [{ productId: product, quantity: 1 }]); // orders knows the product now
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
    await receiver.stop();
  }, 60_000);

  it('joins the gateway, orders, inventory and notifications in causal order, with the relay and each inbox transaction', async () => {
    const correlationId = `traced-${Date.now()}`;
    const response = await graphql<{ placeOrder: { id: string } }>(
      system.gatewayUrl,
      'mutation Checkout($id: ID!) { placeOrder(input: { items: [{ productId: $id, quantity: 1 }] }) { id } }',
      { id: product },
      { ...bearer(customer.token), 'x-correlation-id': correlationId },
      'Checkout',
    );
    const orderId = response.data!.placeOrder.id;
    expect(await shop.settledStatus(customer, orderId)).toBe('CONFIRMED');

    const saga = await waitFor(
      () => {
        const spans = sagaSpans(receiver.spans, correlationId);
        const complete = SAGA_STEPS.every((step) => spans.some((span) => span.service === step.service && span.name === step.name));
        return complete ? spans : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200, description: `the spans of every step of order ${orderId}` },
    );

    const byId = new Map(saga.map((span) => [span.spanId, span]));
    const find = (service: string, name: string) =>
      saga.find((span) => span.service === service && span.name === name && span.attributes[CORRELATION_ID_ATTRIBUTE] === correlationId) ??
      saga.find((span) => span.service === service && span.name === name)!;

    // The trace starts at the gateway, with the operation name, its query plan and the fetch to orders.
    const request = saga.find((span) => span.service === 'gateway' && span.name === 'gateway.request')!;
    expect(request.attributes['graphql.operation.name']).toBe('Checkout');
    const plan = saga.find((span) => span.name === 'gateway.plan')!;
    const fetchOrders = saga.find((span) => span.name === 'gateway.fetch' && span.attributes.service === 'orders')!;
    expect(descendsFrom(plan, request, byId)).toBe(true);
    expect(descendsFrom(fetchOrders, request, byId)).toBe(true);

    // Every step is caused by the one before it, the first by the gateway's fetch to orders.
    let previous = fetchOrders;
    for (const step of SAGA_STEPS) {
      const span = find(step.service, step.name);
      expect({ step: step.name, causedByPrevious: descendsFrom(span, previous, byId) }).toEqual({
        step: step.name,
        causedByPrevious: true,
      });
      previous = span;
    }

    // The relay's publish is linked to the recording it continues, and SQL runs inside each inbox transaction.
    const recordPlaced = find('orders', 'create orders.order.placed.v1');
    expect(find('orders', 'publish orders.order.placed.v1').links).toContainEqual({
      traceId: recordPlaced.traceId,
      spanId: recordPlaced.spanId,
    });
    const inbox = find('inventory', 'inbox orders.order.placed.v1');
    const sql = saga.filter((span) => span.service === 'inventory' && span.attributes['db.system.name'] === 'postgresql');
    expect(sql.some((span) => span.name.startsWith('pg.query:INSERT') && descendsFrom(span, inbox, byId))).toBe(true);

    // Inventory's log line about this order carries the trace id.
    const traceIds = new Set(saga.map((span) => span.traceId));
    const line = await waitFor(
      () =>
        system
          .subgraph('inventory')
          .logs.map((text) => JSON.parse(text) as Record<string, unknown>)
          .find((log) => String(log.msg).includes(orderId)),
      { description: `inventory's log line about order ${orderId}` },
    );
    expect(line).toMatchObject({ correlationId, traceId: expect.any(String), spanId: expect.any(String) });
    expect(traceIds.has(line.traceId as string)).toBe(true);
  });

  it('lets operators chart subgraph fetches, outbox lag, delivery lag and queue depths', async () => {
    // reviews is not started: its fetches fail, and count as errors of that subgraph.
    const response = await shop.call('query { products(first: 1) { edges { node { name reviewCount } } } }');
    expect(response.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    const scrape = async (url: string) => (await http(`${url}/metrics`)).body;

    const gateway = await scrape(system.gateway!.url);
    expect(sample(gateway, 'agora_gateway_subgraph_fetch_duration_seconds_count', { subgraph: 'orders' })).toBeGreaterThan(0);
    expect(sample(gateway, 'agora_gateway_subgraph_fetch_errors_total', { subgraph: 'reviews', kind: 'unavailable' })).toBeGreaterThan(0);

    const orders = await scrape(system.subgraph('orders').url);
    expect(sample(orders, 'agora_outbox_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(orders, 'agora_outbox_unsent')).toBeGreaterThanOrEqual(0);

    const queue = `${system.namespace}.inventory`;
    const inventory = await waitFor(
      async () => {
        const text = await scrape(system.subgraph('inventory').url);
        return sample(text, 'agora_queue_messages', { queue: `${queue}.dlq` }) !== undefined ? text : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 500, description: "inventory's queue depths" },
    );
    expect(sample(inventory, 'agora_queue_messages', { queue })).toBeGreaterThanOrEqual(0);
    expect(sample(inventory, 'agora_queue_messages', { queue: `${queue}.dlq` })).toBe(0);
    expect(sample(inventory, 'agora_event_delivery_lag_seconds_count')).toBeGreaterThan(0);
  });
});

describe('traces in the SDK default encoding, http/protobuf', () => {
  const receiver = new OtlpTestReceiver('http/protobuf');
  let system: TestSystem;

  beforeAll(async () => {
    await receiver.start();
    system = await new TestSystem({ subgraphs: ['catalog'], env: receiver.env }).start();
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
    await receiver.stop();
  }, 60_000);

  it('joins the gateway and the subgraph it calls in one trace', async () => {
    const correlationId = `protobuf-${Date.now()}`;
    const response = await graphql(
      system.gatewayUrl,
      'query Count { products(first: 1) { totalCount } }',
      undefined,
      { 'x-correlation-id': correlationId },
      'Count',
    );
    expect(response.errors).toBeUndefined();

    const spans = await waitFor(
      () => {
        const spans = sagaSpans(receiver.spans, correlationId);
        const served = spans.some((span) => span.service === 'catalog' && span.kind === 2);
        return served && spans.some((span) => span.name === 'gateway.request') ? spans : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200, description: 'the spans of the gateway and catalog' },
    );
    const byId = new Map(spans.map((span) => [span.spanId, span]));
    const request = spans.find((span) => span.name === 'gateway.request')!;
    expect(request.attributes['graphql.operation.name']).toBe('Count');
    const served = spans.find((span) => span.service === 'catalog' && span.kind === 2)!;
    expect(served.traceId).toBe(request.traceId);
    expect(descendsFrom(served, request, byId)).toBe(true);
  });
});
