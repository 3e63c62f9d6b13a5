import { Shop, TestSystem, waitFor } from '@agora/testing';

/**
 * The gateway shares identical subgraph calls in flight at once; that must never mix two users'
 * answers, merge two mutations, or lose a field of an entity the plan asks for several times.
 */
describe('subgraph call deduplication at the gateway', () => {
  const system = new TestSystem({ subgraphs: ['accounts', 'catalog', 'reviews'] });
  const shop = new Shop(() => system.gatewayUrl);

  beforeAll(async () => {
    await system.start();
  }, 90_000);

  afterAll(async () => {
    await system.stop();
  }, 60_000);

  it('answers each user with their own data when both ask the same query at the same moment', async () => {
    const ada = await shop.signUp('ada@dedup.example', 'Ada');
    const grace = await shop.signUp('grace@dedup.example', 'Grace');
    const askers = Array.from({ length: 20 }, (_, index) => (index % 2 === 0 ? ada : grace));
    const answers = await Promise.all(askers.map((who) => shop.ok('{ me { id email } }', {}, who)));
    answers.forEach((answer, index) => expect(answer.me.id).toBe(askers[index]!.id));
  }, 30_000);

  it('never merges identical mutations sent at the same moment: the second sign-up is refused', async () => {
    const input = { email: 'twin@dedup.example', password: 'long password', name: 'Twin' };
    const mutation = 'mutation ($input: SignUpInput!) { signUp(input: $input) { user { id } } }';
    const answers = await Promise.all([shop.call(mutation, { input }), shop.call(mutation, { input })]);
    const codes = answers.map((answer) => answer.errors?.[0]?.extensions?.code ?? 'OK').sort();
    expect(codes).toEqual(['BAD_USER_INPUT', 'OK']);
  }, 30_000);

  it('gives every occurrence of a repeated entity its fields', async () => {
    const admin = await shop.signUp('admin@agora.local', 'Admin');
    const productId = await shop.createProduct(admin, 'Repeated lamp', 2500);
    const reviewers = await Promise.all(['r1', 'r2', 'r3'].map((name) => shop.signUp(`${name}@dedup.example`, name)));
    for (const [index, reviewer] of reviewers.entries()) {
      // reviews accepts reviews of a product once catalog.product.created.v1 reached it.
      await waitFor(
        async () =>
          !(
            await shop.call(
              'mutation ($input: PostReviewInput!) { postReview(input: $input) { id } }',
              { input: { productId, rating: index + 3, body: `Review ${index}` } },
              reviewer,
            )
          ).errors,
        { description: 'reviews to accept a review of the new product' },
      );
    }
    // The product appears once per review: three identical representations in one _entities call.
    const data = await shop.ok(
      'query ($id: ID!) { product(id: $id) { reviews(first: 10) { edges { node { product { id name averageRating } } } } } }',
      { id: productId },
    );
    const products = data.product.reviews.edges.map((edge: { node: { product: unknown } }) => edge.node.product);
    expect(products).toEqual([1, 2, 3].map(() => ({ id: productId, name: 'Repeated lamp', averageRating: 4 })));
  }, 60_000);
});
