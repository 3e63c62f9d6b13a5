import { uuidv7 } from '@agora/contracts';
import { TestSystem, waitFor, Shop, type Shopper } from '@agora/testing';

describe('who may do what, through the gateway', () => {
  const system = new TestSystem({ subgraphs: ['accounts', 'catalog', 'inventory', 'orders', 'reviews', 'notifications'] });
  let shop: Shop;
  let admin: Shopper;
  let alice: Shopper;
  let bob: Shopper;
  let product: string;
  let alicesOrder: string;

  beforeAll(async () => {
    await system.start();
    shop = new Shop(system.gatewayUrl);
    admin = await shop.signUp('admin@agora.local', 'Admin');
    alice = await shop.signUp('alice@example.com');
    bob = await shop.signUp('bob@example.com');
    product = await shop.createProduct(admin, 'Notebook', 900);
    alicesOrder = (await shop.placeOrder(alice, [{ productId: product, quantity: 1 }])).id;
  }, 120_000);

  afterAll(() => system.stop(), 60_000);

  describe('without a token', () => {
    it.each([
      ['createProduct', 'mutation { createProduct(input: {name: "x", description: "y", priceCents: 1}) { id } }'],
      ['updateProductPrice', `mutation { updateProductPrice(id: "${uuidv7()}", priceCents: 5) { id } }`],
      ['restock', `mutation { restock(productId: "${uuidv7()}", quantity: 1) { id } }`],
      ['placeOrder', `mutation { placeOrder(input: {items: [{productId: "${uuidv7()}", quantity: 1}]}) { id } }`],
      ['cancelOrder', `mutation { cancelOrder(id: "${uuidv7()}") { id } }`],
      ['postReview', `mutation { postReview(input: {productId: "${uuidv7()}", rating: 5, body: "x"}) { id } }`],
      ['markNotificationsRead', `mutation { markNotificationsRead(ids: ["${uuidv7()}"]) }`],
    ])('%s answers UNAUTHENTICATED', async (_name, mutation) => {
      expect(await shop.errorCode(mutation)).toBe('UNAUTHENTICATED');
    });
  });

  describe('as a customer', () => {
    it('cannot create products, change prices or restock', async () => {
      expect(
        await shop.errorCode('mutation { createProduct(input: {name: "x", description: "y", priceCents: 1}) { id } }', {}, alice),
      ).toBe('FORBIDDEN');
      expect(
        await shop.errorCode('mutation ($id: ID!) { updateProductPrice(id: $id, priceCents: 5) { id } }', { id: product }, alice),
      ).toBe('FORBIDDEN');
      expect(await shop.errorCode('mutation ($id: ID!) { restock(productId: $id, quantity: 1) { id } }', { id: product }, alice)).toBe(
        'FORBIDDEN',
      );
    });

    it("cannot read or cancel another customer's order", async () => {
      expect(await shop.errorCode('query ($id: ID!) { order(id: $id) { id } }', { id: alicesOrder }, bob)).toBe('FORBIDDEN');
      expect(await shop.errorCode('mutation ($id: ID!) { cancelOrder(id: $id) { id } }', { id: alicesOrder }, bob)).toBe('FORBIDDEN');
    });

    it("cannot list another customer's orders or notifications", async () => {
      const other = `user(id: "${alice.id}")`;
      expect(await shop.errorCode(`{ ${other} { orders { totalCount } } }`, {}, bob)).toBe('FORBIDDEN');
      expect(await shop.errorCode(`{ ${other} { notifications { id } } }`, {}, bob)).toBe('FORBIDDEN');
    });

    it('reads its own order and orders', async () => {
      const data = await shop.ok('{ me { orders { totalCount edges { node { id } } } } }', {}, alice);
      expect(data.me.orders.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([alicesOrder]);
      const order = await shop.ok('query ($id: ID!) { order(id: $id) { id user { id } } }', { id: alicesOrder }, alice);
      expect(order.order).toEqual({ id: alicesOrder, user: { id: alice.id } });
    });
  });

  describe('as an admin', () => {
    it("reads any customer's order and orders", async () => {
      const order = await shop.ok('query ($id: ID!) { order(id: $id) { id } }', { id: alicesOrder }, admin);
      expect(order.order.id).toBe(alicesOrder);
      const orders = await shop.ok(`{ user(id: "${alice.id}") { orders { totalCount } } }`, {}, admin);
      expect(orders.user.orders.totalCount).toBe(1);
    });
  });

  describe('input validation', () => {
    it.each([
      ['a quantity of 0', (id: string) => `mutation { placeOrder(input: {items: [{productId: "${id}", quantity: 0}]}) { id } }`],
      ['a quantity of 101', (id: string) => `mutation { placeOrder(input: {items: [{productId: "${id}", quantity: 101}]}) { id } }`],
      ['an unknown product', () => `mutation { placeOrder(input: {items: [{productId: "${uuidv7()}", quantity: 1}]}) { id } }`],
      ['no items', () => 'mutation { placeOrder(input: {items: []}) { id } }'],
      ['a rating of 6', (id: string) => `mutation { postReview(input: {productId: "${id}", rating: 6, body: "x"}) { id } }`],
      ['an empty review', (id: string) => `mutation { postReview(input: {productId: "${id}", rating: 4, body: "  "}) { id } }`],
    ])('refuses %s with BAD_USER_INPUT', async (_case, mutation) => {
      expect(await shop.errorCode(mutation(product), {}, bob)).toBe('BAD_USER_INPUT');
    });

    it('refuses a second review of the same product with BAD_USER_INPUT', async () => {
      const review = `mutation { postReview(input: {productId: "${product}", rating: 4, body: "Nice paper."}) { id } }`;
      // reviews learns of the product from catalog.product.created.v1; the first post waits for it.
      await waitFor(async () => !(await shop.call(review, {}, bob)).errors, { description: 'reviews to know the product' });
      expect(await shop.errorCode(review, {}, bob)).toBe('BAD_USER_INPUT');
    });
  });
});
