import { buildEnvelope, ProductCreated, uuidv7 } from '@agora/contracts';
import { SubgraphEvents, TestBroker, TestSystem, waitFor } from '@agora/testing';

const BURST = 4_000;
const CONCURRENT_QUERIES = 20;
const REVIEW_COUNT = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Product { reviewCount } } }`;

describe('reviews under an event burst', () => {
  const system = new TestSystem({ subgraphs: ['reviews'], gateway: false });
  let broker: TestBroker;
  let events: SubgraphEvents;

  beforeAll(async () => {
    await system.start();
    broker = await TestBroker.connect(system.namespace);
    events = new SubgraphEvents(system, 'reviews');
  }, 120_000);

  afterAll(async () => {
    await broker?.close();
    await events?.close();
    await system.stop();
  }, 60_000);

  it('answers GraphQL queries, which need its database, while its queue holds thousands of events', async () => {
    const createdAt = new Date().toISOString();
    await broker.publish(
      Array.from({ length: BURST }, () =>
        buildEnvelope(ProductCreated, { productId: uuidv7(), name: 'Burst', description: '', priceCents: 100, createdAt }),
      ),
    );
    expect(await broker.queued('reviews')).toBeGreaterThan(BURST / 4);

    const answers = await Promise.all(
      Array.from({ length: CONCURRENT_QUERIES }, () =>
        system.callSubgraph('reviews', REVIEW_COUNT, { representations: [{ __typename: 'Product', id: uuidv7() }] }),
      ),
    );
    for (const answer of answers) expect(answer).toEqual({ data: { _entities: [{ reviewCount: 0 }] } });

    await waitFor(async () => Number((await events.db.execute('SELECT count(*)::int AS n FROM known_products')).rows[0]!.n) === BURST, {
      description: `reviews to apply all ${BURST} events`,
      timeoutMs: 180_000,
    });
  }, 300_000);
});
