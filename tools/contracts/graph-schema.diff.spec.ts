import { readFileSync } from 'node:fs';
import type { ContractChange } from './contract-change';
import { apiSchemaOf, diffApiSchemas } from './graph-schema.diff';

const RELEASED = `
type Query {
  products(first: Int = 20, search: String): [Product!]!
}

type Product {
  id: ID!
  name: String!
  priceCents: Int!
  stock: Int!
}
`;

async function changesTo(sdl: string): Promise<string[]> {
  return summarize(await diffApiSchemas(RELEASED, sdl));
}

function summarize(changes: readonly ContractChange[]): string[] {
  return changes.map((change) => `${change.path}: ${change.level}`);
}

describe('comparing API schemas', () => {
  it('breaks on a removed field', async () => {
    expect(await changesTo(RELEASED.replace('  priceCents: Int!\n', ''))).toEqual(['Product.priceCents: breaking']);
  });

  it('breaks on an argument made required', async () => {
    expect(await changesTo(RELEASED.replace('search: String)', 'search: String!)'))).toEqual(['Query.products.search: breaking']);
  });

  it('breaks on an output field made nullable, as a cross-subgraph field becomes', async () => {
    expect(await changesTo(RELEASED.replace('stock: Int!', 'stock: Int'))).toEqual(['Product.stock: breaking']);
  });

  it('is safe with a new field and a new type', async () => {
    const grown = RELEASED.replace('  stock: Int!\n', '  stock: Int!\n  review: Review\n').concat('\ntype Review {\n  body: String!\n}\n');
    expect((await changesTo(grown)).sort()).toEqual(['Product.review: safe', 'Review.body: safe', 'Review: safe']);
  });

  it('only warns on a new optional argument, which existing queries do not send', async () => {
    expect(await changesTo(RELEASED.replace('search: String)', 'search: String, inStock: Boolean)'))).toEqual([
      'Query.products.inStock: dangerous',
    ]);
  });

  it('takes the client-facing schema from the supergraph, without federation internals', () => {
    const api = apiSchemaOf(readFileSync('gateway/supergraph.graphql', 'utf8'));
    expect(api).toMatch(/^type Product \{$/m);
    expect(api).not.toMatch(/join__|link__|@join|@link/);
  });
});
