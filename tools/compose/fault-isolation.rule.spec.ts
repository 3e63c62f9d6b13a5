import { composeServices } from '@apollo/composition';
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { faultIsolationViolations } from './fault-isolation.rule';
import { SUPERGRAPH_FILE } from './compose';

const FEDERATION = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@extends"])';

const CATALOG = `${FEDERATION}
  type Product @key(fields: "id") { id: ID!  name: String! }
  type Query { product(id: ID!): Product  products: [Product!]! }`;

const ACCOUNTS = `${FEDERATION}
  type User @key(fields: "id") { id: ID!  name: String! }
  type Query { me: User }`;

/** Composes the subgraphs (name → SDL) as `npm run compose` does. */
function supergraph(subgraphs: Record<string, string>): string {
  const result = composeServices(
    Object.entries(subgraphs).map(([name, sdl]) => ({ name, url: `http://${name}/graphql`, typeDefs: parse(sdl) })),
  );
  if (result.errors) throw new Error(result.errors.map((error) => error.message).join('\n'));
  return result.supergraphSdl;
}

function violatedFields(subgraphs: Record<string, string>): string[] {
  return faultIsolationViolations(supergraph(subgraphs)).map((violation) => violation.coordinate);
}

describe('the fault-isolation nullability rule', () => {
  it('holds for the committed supergraph', () => {
    expect(faultIsolationViolations(readFileSync(SUPERGRAPH_FILE, 'utf8'))).toEqual([]);
  });

  it('accepts nullable fields added to another subgraph’s entity, and non-null fields of the owner', () => {
    const inventory = `${FEDERATION} type Product @extends @key(fields: "id") { id: ID!  stock: Int }`;
    expect(violatedFields({ catalog: CATALOG, inventory })).toEqual([]);
  });

  it('refuses a non-null field that a subgraph adds to another’s entity', () => {
    const inventory = `${FEDERATION} type Product @extends @key(fields: "id") { id: ID!  stock: Int!  inStock: Boolean }`;
    const violations = faultIsolationViolations(supergraph({ catalog: CATALOG, inventory }));
    expect(violations).toEqual([
      { coordinate: 'Product.stock', message: "Product.stock is served by inventory, not by Product's owner catalog: make it nullable." },
    ]);
  });

  it('refuses a non-null reference to an entity that another subgraph owns, also as a mutation result', () => {
    const reviews = `${FEDERATION}
      type Product @extends @key(fields: "id") { id: ID! }
      type User @extends @key(fields: "id") { id: ID! }
      type Review @key(fields: "id") { id: ID!  product: Product  author: User!  rating: Int! }
      type Mutation { rate(productId: ID!): Product! }`;
    expect(violatedFields({ catalog: CATALOG, accounts: ACCOUNTS, reviews })).toEqual(['Mutation.rate', 'Review.author']);
  });

  it('refuses a non-null list of another subgraph’s fields on an entity stub', () => {
    const notifications = `${FEDERATION}
      type User @extends @key(fields: "id") { id: ID!  notifications: [String!]! }`;
    expect(violatedFields({ accounts: ACCOUNTS, notifications })).toEqual(['User.notifications']);
  });

  it('refuses an entity that two subgraphs define without @extends, since its owner is unknown', () => {
    const inventory = `${FEDERATION} type Product @key(fields: "id") { id: ID!  stock: Int }`;
    expect(violatedFields({ catalog: CATALOG, inventory })).toEqual(['Product']);
  });
});
