import type { Role } from '@agora/contracts';
import { graphql, type GraphQLResponse } from './graphql-client';
import { waitFor } from '@agora/polling';

/** A signed-in user of the shop, as the tests drive it: through the gateway only. */
export interface Shopper {
  readonly id: string;
  readonly token: string;
  readonly role: Role;
}

/** The password every test user signs up with. */
export const TEST_PASSWORD = 'long password';

/** The default ADMIN_EMAILS entry: signing up with it makes an ADMIN. */
export const ADMIN_EMAIL = 'admin@agora.local';

/** The `Authorization` header that sends a token. */
export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/**
 * The public GraphQL API as tests drive it, through the gateway. `url` may be a function, for a
 * system that is not started yet. The basic calls are bound, so `const { call, ok } = shop` works.
 */
export class Shop {
  constructor(private readonly url: string | (() => string)) {}

  /** Runs an operation as `who` (anonymous without), whatever comes back. */
  readonly call = <T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown> = {},
    who?: Shopper,
  ): Promise<GraphQLResponse<T>> =>
    graphql<T>(typeof this.url === 'function' ? this.url() : this.url, query, variables, who ? bearer(who.token) : {});

  /** Runs an operation and fails the test with the errors if there are any. */
  readonly ok = async <T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, who?: Shopper): Promise<T> => {
    const response = await this.call<T>(query, variables, who);
    if (response.errors) throw new Error(`unexpected errors: ${JSON.stringify(response.errors)}`);
    return response.data as T;
  };

  /** The `extensions.code` of the first error, for authorization and validation checks. */
  readonly errorCode = async (query: string, variables: Record<string, unknown> = {}, who?: Shopper): Promise<string | undefined> => {
    const response = await this.call(query, variables, who);
    return response.errors?.[0]?.extensions?.code as string | undefined;
  };

  /** Signs up (ADMIN for an e-mail of ADMIN_EMAILS, such as admin@agora.local). */
  readonly signUp = async (email: string, name = email.split('@')[0]!): Promise<Shopper> => {
    const data = await this.ok('mutation ($input: SignUpInput!) { signUp(input: $input) { token user { id role } } }', {
      input: { email, password: TEST_PASSWORD, name },
    });
    return { id: data.signUp.user.id, token: data.signUp.token, role: data.signUp.user.role };
  };

  async createProduct(admin: Shopper, name: string, priceCents: number): Promise<string> {
    const data = await this.ok(
      'mutation ($input: CreateProductInput!) { createProduct(input: $input) { id } }',
      { input: { name, description: `${name}, for tests`, priceCents } },
      admin,
    );
    return data.createProduct.id;
  }

  /** Restocks once inventory has heard of the product (catalog.product.created.v1). */
  async restock(admin: Shopper, productId: string, quantity: number): Promise<number> {
    const data = await waitFor(
      async () => {
        const response = await this.call(
          'mutation ($id: ID!, $q: Int!) { restock(productId: $id, quantity: $q) { stock } }',
          { id: productId, q: quantity },
          admin,
        );
        return response.errors ? undefined : (response.data ?? undefined);
      },
      { description: `inventory to accept a restock of ${productId}` },
    );
    return data.restock.stock;
  }

  /** Places an order once orders has heard of the products (catalog.product.created.v1). */
  async placeOrder(
    who: Shopper,
    items: { productId: string; quantity: number }[],
  ): Promise<{ id: string; totalCents: number; items: { unitPriceCents: number }[] }> {
    const data = await waitFor(
      async () => {
        const response = await this.call(
          'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id status totalCents items { quantity unitPriceCents } } }',
          { input: { items } },
          who,
        );
        if (response.errors?.[0]?.extensions?.code === 'BAD_USER_INPUT' && /unknown|not (found|exist)/i.test(response.errors[0].message))
          return undefined;
        if (response.errors) throw new Error(JSON.stringify(response.errors));
        return response.data ?? undefined;
      },
      { description: 'orders to accept the order' },
    );
    return data.placeOrder;
  }

  /** Posts a review once reviews has heard of the product (catalog.product.created.v1). */
  async postReview(who: Shopper, productId: string, rating: number, body: string): Promise<{ id: string; verifiedPurchase: boolean }> {
    const data = await waitFor(
      async () => {
        const response = await this.call(
          'mutation ($input: PostReviewInput!) { postReview(input: $input) { id verifiedPurchase } }',
          { input: { productId, rating, body } },
          who,
        );
        if (response.errors?.[0]?.extensions?.code === 'BAD_USER_INPUT' && /no product has the id/i.test(response.errors[0].message))
          return undefined;
        if (response.errors) throw new Error(JSON.stringify(response.errors));
        return response.data ?? undefined;
      },
      { description: 'reviews to accept the review' },
    );
    return data.postReview;
  }

  /** Waits until the order left PENDING, and returns its status. */
  async settledStatus(who: Shopper, orderId: string): Promise<string> {
    return waitFor(
      async () => {
        const data = await this.ok('query ($id: ID!) { order(id: $id) { status } }', { id: orderId }, who);
        return data.order.status === 'PENDING' ? undefined : (data.order.status as string);
      },
      { timeoutMs: 30_000, description: `order ${orderId} to settle` },
    );
  }

  async stock(productId: string): Promise<number> {
    const data = await this.ok('query ($id: ID!) { product(id: $id) { stock } }', { id: productId });
    return data.product.stock;
  }

  async notificationKinds(who: Shopper): Promise<string[]> {
    const data = await this.ok('{ me { notifications(first: 100) { kind } } }', {}, who);
    return (data.me.notifications as { kind: string }[]).map((notification) => notification.kind).sort();
  }
}
