import { buildSchema, type FieldSelection, operationFromDocument } from '@apollo/federation-internals';
import { parse } from 'graphql';
import { shapeResponse, type ShapingInput } from './response-shaping';
import { apolloShapingModule, gatewayVersion, SHAPED_GATEWAY_VERSION } from './response-shaping.install';

/** Apollo Gateway's own shaping, which `shapeResponse` must match output for output and error for error. */
const apollo = apolloShapingModule().computeResponse as (input: ShapingInput) => unknown;

const schema = buildSchema(`
  type Query {
    product(id: ID!): Product
    products: [Product!]!
    node(id: ID!): Node
    search: [SearchResult]
    me: User!
  }
  interface Node { id: ID! }
  type Product implements Node {
    id: ID!
    name: String!
    price: Int!
    rating: Float
    inStock: Boolean
    tags: [String!]
    status: Status!
    createdAt: DateTime
    reviews: [Review!]!
    owner: User
  }
  type Review implements Node { id: ID! body: String author: User! stars: Int! }
  type User implements Node { id: ID! name: String! reviews: [Review!] }
  union SearchResult = Product | User
  enum Status { ACTIVE RETIRED }
  scalar DateTime
`);

const PRODUCT_QUERY = `
  query Products($withTags: Boolean = true, $skipOwner: Boolean!) {
    products {
      __typename
      kind: __typename
      id
      title: name
      price
      rating
      inStock
      tags @include(if: $withTags)
      status
      createdAt
      owner @skip(if: $skipOwner) { id name }
      reviews { id body stars author { id name reviews { id stars } } }
      ...ProductParts
      ... on Node { id }
    }
    me { id name }
  }
  fragment ProductParts on Product { id name reviews { id author { name } } }
`;

const SEARCH_QUERY = `
  {
    search {
      __typename
      ... on Product { id name status }
      ... on User { id name }
      ... on Node { id }
    }
    node(id: "p1") { id ... on Review { stars body } }
  }
`;

const INTROSPECTION_QUERY = `{ __typename __type(name: "Product") { name } me { id } }`;

function review(id: number): Record<string, unknown> {
  return {
    __typename: 'Review',
    id: `r${id}`,
    body: id % 3 === 0 ? null : `review ${id}`,
    stars: (id % 5) + 1,
    author: {
      __typename: 'User',
      id: `u${id % 4}`,
      name: `user ${id % 4}`,
      reviews: [{ __typename: 'Review', id: `r${id + 100}`, stars: 4 }],
    },
  };
}

function productsInput(): Record<string, unknown> {
  return {
    products: Array.from({ length: 4 }, (_, index) => ({
      __typename: 'Product',
      id: `p${index}`,
      name: `product ${index}`,
      title: `product ${index}`,
      price: 100 * index + 99,
      rating: index % 2 ? 4.5 : null,
      inStock: index !== 2,
      tags: ['a', `t${index}`],
      status: index === 3 ? 'RETIRED' : 'ACTIVE',
      createdAt: '2026-11-30T12:00:00Z',
      owner: { __typename: 'User', id: `u${index}`, name: `owner ${index}` },
      reviews: [review(index * 2), review(index * 2 + 1)],
      internalOnly: 'a field the plan fetched for a key, not asked by the client',
    })),
    me: { __typename: 'User', id: 'u9', name: 'buyer' },
  };
}

function searchInput(): Record<string, unknown> {
  return {
    search: [{ __typename: 'Product', id: 'p1', name: 'one', status: 'ACTIVE' }, { __typename: 'User', id: 'u1', name: 'someone' }, null],
    node: { __typename: 'Review', id: 'r1', stars: 5, body: 'good' },
  };
}

interface Outcome {
  readonly json?: string;
  readonly errors?: { message: string; path: unknown; code: unknown }[];
  readonly thrown?: string;
  readonly introspected: string[];
}

/** Runs one shaping function on a fresh copy of the same input and records everything it did. */
function outcomeOf(shape: (input: ShapingInput) => unknown, query: string, input: unknown, variables?: Record<string, unknown>): Outcome {
  const operation = operationFromDocument(schema, parse(query), { validate: false });
  const introspected: string[] = [];
  const introspectionHandling = (selection: FieldSelection): unknown => {
    introspected.push(selection.element.responseName());
    return { name: 'Product' };
  };
  const copy = input === undefined ? undefined : (JSON.parse(JSON.stringify(input)) as Record<string, unknown> | null);
  try {
    const { data, errors } = shape({ operation, variables, input: copy, introspectionHandling }) as {
      data: unknown;
      errors: { message: string; path?: unknown; extensions: { code?: unknown } }[];
    };
    return {
      json: JSON.stringify(data),
      errors: errors.map((error) => ({ message: error.message, path: error.path, code: error.extensions.code })),
      introspected,
    };
  } catch (error) {
    return { thrown: (error as Error).message, introspected };
  }
}

function expectSameShaping(query: string, input: unknown, variables?: Record<string, unknown>): Outcome {
  const theirs = outcomeOf(apollo, query, input, variables);
  const ours = outcomeOf(shapeResponse, query, input, variables);
  expect(ours).toEqual(theirs);
  return ours;
}

/** A small deterministic generator, so a failing case can be replayed from its seed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const ODD_VALUES = [null, undefined, 'text', 42, 4.2, true, 'UNKNOWN', { __typename: 'Nope' }, [], ['x'], { __typename: 7 }];

/** Replaces one value somewhere in `value` (a leaf, an object, a list) with an odd one, or removes it. */
function mutate(value: unknown, next: () => number): unknown {
  if (Array.isArray(value)) {
    if (value.length === 0 || next() < 0.15) return ODD_VALUES[Math.floor(next() * ODD_VALUES.length)];
    const index = Math.floor(next() * value.length);
    const copy = [...value];
    copy[index] = mutate(copy[index], next);
    return copy;
  }
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 0 || next() < 0.15) return ODD_VALUES[Math.floor(next() * ODD_VALUES.length)];
    const key = keys[Math.floor(next() * keys.length)]!;
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    const replaced = mutate(copy[key], next);
    if (replaced === undefined) delete copy[key];
    else copy[key] = replaced;
    return copy;
  }
  return ODD_VALUES[Math.floor(next() * ODD_VALUES.length)];
}

describe('response shaping', () => {
  it(`stands in for the computeResponse of @apollo/gateway ${SHAPED_GATEWAY_VERSION}, the release installed`, () => {
    expect(gatewayVersion()).toBe(SHAPED_GATEWAY_VERSION);
    expect(apollo.name).toBe('computeResponse');
  });

  it('shapes a well-formed answer as Apollo does: aliases, __typename, fragments, directives, key order', () => {
    const ours = expectSameShaping(PRODUCT_QUERY, productsInput(), { skipOwner: false });
    expect(ours.errors).toEqual([]);
    const data = JSON.parse(ours.json!) as { products: Record<string, unknown>[] };
    expect(Object.keys(data.products[0]!)).toEqual([
      '__typename',
      'kind',
      'id',
      'title',
      'price',
      'rating',
      'inStock',
      'tags',
      'status',
      'createdAt',
      'owner',
      'reviews',
      'name',
    ]);
  });

  it('leaves out what @skip and @include exclude, from variables and their defaults', () => {
    const ours = expectSameShaping(PRODUCT_QUERY, productsInput(), { skipOwner: true, withTags: false });
    const product = (JSON.parse(ours.json!) as { products: Record<string, unknown>[] }).products[0]!;
    expect(product).not.toHaveProperty('owner');
    expect(product).not.toHaveProperty('tags');
  });

  it('picks the fragments of an interface or union by each object’s __typename', () => {
    expectSameShaping(SEARCH_QUERY, searchInput());
  });

  it('nulls a broken non-null field up to its nearest nullable parent, with the same errors', () => {
    const input = productsInput();
    const products = input.products as Record<string, unknown>[];
    (products[1]!.reviews as Record<string, unknown>[])[0]!.stars = null;
    products[2]!.price = 'not a number';
    const ours = expectSameShaping(PRODUCT_QUERY, input, { skipOwner: false });
    expect(ours.json).toBe('null');
    expect(ours.errors!.map((error) => error.message)).toEqual([
      // One error per broken promise where it broke; the nulls above it carry no error of their own.
      'Cannot return null for non-nullable field Review.stars.',
      'Invalid value found for field Product.price.',
    ]);
  });

  it('reports invalid leaf values and unknown __typenames as Apollo does', () => {
    const input = searchInput();
    (input.search as unknown[])[0] = { __typename: 'Product', id: 'p1', name: 'one', status: 'SOLD' };
    (input.search as unknown[])[1] = { __typename: 'Ghost', id: 'g1' };
    const ours = expectSameShaping(SEARCH_QUERY, input);
    expect(ours.errors!.length).toBeGreaterThan(0);
  });

  it('answers aliases named like the properties of every object (__proto__, constructor, toString) as fields', () => {
    const query = `{ me { __proto__: id constructor: name toString: __typename reviews { hasOwnProperty: stars valueOf: id } } }`;
    // Parsed from text, as subgraph answers are, so "__proto__" is a key and not the prototype.
    const input = JSON.parse(
      '{"me":{"__typename":"User","__proto__":"u1","constructor":"Ann","reviews":[{"__typename":"Review","hasOwnProperty":5,"valueOf":"r1"}]}}',
    ) as unknown;
    const ours = expectSameShaping(query, input);
    expect(ours.json).toBe(
      '{"me":{"__proto__":"u1","constructor":"Ann","toString":"User","reviews":[{"hasOwnProperty":5,"valueOf":"r1"}]}}',
    );
  });

  it('hands introspection fields to the gateway’s introspection and keeps the rest', () => {
    const ours = expectSameShaping(INTROSPECTION_QUERY, { me: { __typename: 'User', id: 'u1' } });
    expect(ours.introspected).toEqual(['__type']);
  });

  it('answers no data for no input, and null data when the root bubbles', () => {
    expectSameShaping(SEARCH_QUERY, null);
    expectSameShaping(SEARCH_QUERY, undefined);
    expectSameShaping(INTROSPECTION_QUERY, { me: null });
  });

  it('fails on malformed subgraph data with the same message (a list that is not one, a bad __typename)', () => {
    const notAList = { ...productsInput(), products: { id: 'p1' } };
    expect(expectSameShaping(PRODUCT_QUERY, notAList, { skipOwner: false }).thrown).toMatch(/Invalid non-list value/);
    const badTypename = { ...searchInput(), search: [{ __typename: 7, id: 'x' }] };
    expect(expectSameShaping(SEARCH_QUERY, badTypename).thrown).toMatch(/__typename/);
  });

  it('matches Apollo on 600 randomly damaged answers', () => {
    const cases: [string, () => Record<string, unknown>, Record<string, unknown>?][] = [
      [PRODUCT_QUERY, productsInput, { skipOwner: false }],
      [SEARCH_QUERY, searchInput],
    ];
    for (let seed = 1; seed <= 600; seed += 1) {
      const next = random(seed);
      const [query, input, variables] = cases[seed % cases.length]!;
      let damaged: unknown = input();
      for (let step = 0; step < 1 + Math.floor(next() * 3); step += 1) damaged = mutate(damaged, next);
      const theirs = outcomeOf(apollo, query, damaged, variables);
      const ours = outcomeOf(shapeResponse, query, damaged, variables);
      if (JSON.stringify(ours) !== JSON.stringify(theirs)) expect({ seed, ours }).toEqual({ seed, ours: theirs });
    }
  });
});
