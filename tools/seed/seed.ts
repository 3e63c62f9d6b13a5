import { waitFor } from '@agora/polling';
import path from 'node:path';
import { DEMO_ADMIN, DEMO_CUSTOMERS, DEMO_ORDERS, DEMO_PRODUCTS, DEMO_REVIEWS } from './demo-data';

/**
 * `npm run seed`: fills an empty shop with demo data through the public GraphQL API, so every
 * event flows as it would for real users. `--if-empty` does nothing when the catalogue has
 * products (npm start runs it that way on every start).
 */

interface GraphQLError {
  message: string;
  extensions?: { code?: string };
}

export class SeedError extends Error {
  constructor(
    readonly operation: string,
    readonly errors: readonly GraphQLError[],
  ) {
    super(`${operation} failed: ${errors.map((error) => `${error.message} (${error.extensions?.code ?? 'no code'})`).join('; ')}`);
    this.name = 'SeedError';
  }
}

export class ShopClient {
  constructor(readonly url: string) {}

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- GraphQL answers are read field by field
  async request<T = Record<string, any>>(
    operation: string,
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
  ): Promise<T> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: GraphQLError[] };
    if (body.errors?.length) throw new SeedError(operation, body.errors);
    return body.data as T;
  }

  /** Signs up, or logs in when the account already exists. */
  async session(account: { email: string; password: string; name: string }): Promise<{ token: string; id: string }> {
    try {
      const data = await this.request('signUp', 'mutation ($input: SignUpInput!) { signUp(input: $input) { token user { id } } }', {
        input: account,
      });
      return { token: data.signUp.token, id: data.signUp.user.id };
    } catch (error) {
      if (!(error instanceof SeedError) || error.errors[0]?.extensions?.code !== 'BAD_USER_INPUT') throw error;
      const data = await this.request(
        'logIn',
        'mutation ($email: String!, $password: String!) { logIn(email: $email, password: $password) { token user { id } } }',
        account,
      );
      return { token: data.logIn.token, id: data.logIn.user.id };
    }
  }
}

const POLL_INTERVAL_MS = 200;
const SETTLE_TIMEOUT_MS = 30_000;

/** Waits, within the deadline, until `probe` has a value: the services settle asynchronously. */
function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  return waitFor(probe, { description: what, timeoutMs: SETTLE_TIMEOUT_MS, intervalMs: POLL_INTERVAL_MS }) as Promise<T>;
}

export async function seed(client: ShopClient, log: (line: string) => void = console.log): Promise<void> {
  const admin = await client.session(DEMO_ADMIN);
  const productIds: string[] = [];
  for (const product of DEMO_PRODUCTS) {
    const { name, description, priceCents } = product;
    const created = await client.request(
      'createProduct',
      'mutation ($input: CreateProductInput!) { createProduct(input: $input) { id } }',
      { input: { name, description, priceCents } },
      admin.token,
    );
    productIds.push(created.createProduct.id);
  }
  log(`seed: ${productIds.length} products created`);
  // Inventory learns of each product from catalog.product.created.v1; restock once it has.
  for (const [index, product] of DEMO_PRODUCTS.entries()) {
    await until(`inventory to know ${product.name}`, async () => {
      try {
        await client.request(
          'restock',
          'mutation ($id: ID!, $q: Int!) { restock(productId: $id, quantity: $q) { id } }',
          { id: productIds[index], q: product.stock },
          admin.token,
        );
        return true;
      } catch (error) {
        if (error instanceof SeedError && ['NOT_FOUND', 'BAD_USER_INPUT'].includes(error.errors[0]?.extensions?.code ?? ''))
          return undefined;
        throw error;
      }
    });
  }
  log('seed: stock added');
  const customers: { token: string; id: string }[] = [];
  for (const customer of DEMO_CUSTOMERS) customers.push(await client.session(customer));
  log(`seed: ${customers.length} customers signed up`);
  const orderIds: string[] = [];
  for (const order of DEMO_ORDERS) {
    const items = order.items.map((item) => ({ productId: productIds[item.product], quantity: item.quantity }));
    const placed = await until('orders to know the products', async () => {
      try {
        return await client.request<{ placeOrder: { id: string } }>(
          'placeOrder',
          'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }',
          { input: { items } },
          customers[order.customer].token,
        );
      } catch (error) {
        if (error instanceof SeedError && error.errors[0]?.extensions?.code === 'BAD_USER_INPUT') return undefined;
        throw error;
      }
    });
    orderIds.push(placed.placeOrder.id);
  }
  for (const [index, id] of orderIds.entries()) {
    const token = customers[DEMO_ORDERS[index].customer].token;
    await until(`order ${id} to settle`, async () => {
      const data = await client.request('order', 'query ($id: ID!) { order(id: $id) { status } }', { id }, token);
      return data.order?.status === 'PENDING' ? undefined : data.order.status;
    });
  }
  log(`seed: ${orderIds.length} orders placed and settled`);
  for (const review of DEMO_REVIEWS) {
    await client.request(
      'postReview',
      'mutation ($input: PostReviewInput!) { postReview(input: $input) { id } }',
      { input: { productId: productIds[review.product], rating: review.rating, body: review.body } },
      customers[review.customer].token,
    );
  }
  log(
    `seed: ${DEMO_REVIEWS.length} reviews posted. Log in as ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password} or ${DEMO_CUSTOMERS[0].email} / ${DEMO_CUSTOMERS[0].password}.`,
  );
}

/** The demo data publishes its passwords, so it never runs against a production system. */
export const PRODUCTION_REFUSAL =
  'seed: not run: NODE_ENV=production, and the demo data has published passwords. Name admins with ADMIN_EMAILS or `npm run accounts -- promote <email>`.';

async function main(): Promise<void> {
  if (process.env.NODE_ENV === 'production') {
    console.log(PRODUCTION_REFUSAL);
    // Asked for explicitly, the refusal is a failure; on npm start's first start it is the expected outcome.
    if (!process.argv.includes('--if-empty')) process.exit(1);
    return;
  }
  const url = process.env.GATEWAY_URL ?? 'http://localhost:4000/graphql';
  const client = new ShopClient(url);
  if (process.argv.includes('--if-empty')) {
    const data = await client.request('products', '{ products(first: 1) { totalCount } }');
    if (data.products.totalCount > 0) return;
    console.log('seed: the catalogue is empty; adding demo data');
  }
  await seed(client);
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
