import { DEFAULT_BODY_LIMIT_BYTES, type EdgeConfig } from '@agora/config';
import { ApolloServer } from '@apollo/server';
import { edgeServerOptions } from './edge-server-options';
import { createFormatError } from './format-error';
import { LIMITS_TEST_SDL } from './limits/test-schema';

const EDGE: EdgeConfig = {
  limits: { depth: 5, aliases: 3, rootFields: 2, directives: 2, tokens: 200, cost: 100 },
  bodyLimitBytes: DEFAULT_BODY_LIMIT_BYTES,
  introspection: false,
};

async function serve(production: boolean) {
  const server = new ApolloServer({
    typeDefs: LIMITS_TEST_SDL,
    resolvers: { Query: { products: () => ({ edges: [], totalCount: 0 }) } },
    ...edgeServerOptions(production, EDGE),
    formatError: createFormatError({ production }),
  });
  await server.start();
  return server;
}

describe('edgeServerOptions', () => {
  let server: ApolloServer;
  beforeAll(async () => (server = await serve(true)));
  afterAll(() => server.stop());

  async function errorsOf(query: string, variables: Record<string, unknown> = {}) {
    const response = await server.executeOperation({ query, variables });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult.errors ?? [];
  }

  it('lets an operation within every limit through', async () => {
    expect(await errorsOf('{ products(first: 5) { edges { node { id name } } } }')).toEqual([]);
  });

  it.each([
    ['depth', '{ product(id: "1") { reviews { edges { node { product { reviews { edges { node { id } } } } } } } } }', /depth limit of 5/],
    ['aliases', '{ a: hello b: hello c: hello d: hello }', /Aliases limit of 3/],
    ['directives', '{ hello @include(if: true) @include(if: true) @include(if: true) }', /Directives limit of 2/],
    ['rootFields', '{ hello product(id: "1") { id } products { totalCount } }', /3 root fields; at most 2/],
    ['cost', '{ products(first: 50) { edges { node { id } } } }', /about 150 objects; at most 100/],
  ])('refuses an operation over the %s limit with OPERATION_TOO_COMPLEX', async (limit, query, message) => {
    const [error] = await errorsOf(query);
    expect(error).toMatchObject({ message: expect.stringMatching(message), extensions: { code: 'OPERATION_TOO_COMPLEX', limit } });
  });

  it('measures cost with the variables sent', async () => {
    const query = 'query ($n: Int) { products(first: $n) { totalCount } }';
    expect(await errorsOf(query, { n: 100 })).toEqual([]);
    expect((await errorsOf(query, { n: 101 }))[0]?.extensions).toMatchObject({ code: 'OPERATION_TOO_COMPLEX', limit: 'cost' });
  });

  it('measures a document again when a variable that changes its cost changes, and not for one that does not', async () => {
    const query =
      'query ($skip: Boolean!, $id: ID!) { products(first: 50) @skip(if: $skip) { edges { node { id } } } product(id: $id) { id } }';
    expect(await errorsOf(query, { skip: true, id: '1' })).toEqual([]);
    expect((await errorsOf(query, { skip: false, id: '1' }))[0]?.extensions).toMatchObject({
      code: 'OPERATION_TOO_COMPLEX',
      limit: 'cost',
    });
    expect((await errorsOf(query, { skip: false, id: '2' }))[0]?.extensions).toMatchObject({
      code: 'OPERATION_TOO_COMPLEX',
      limit: 'cost',
    });
    expect(await errorsOf(query, { skip: true, id: '2' })).toEqual([]);
  });

  it('tells an absent cost variable from a null one', async () => {
    const query = 'query ($n: Int = 101) { products(first: $n) { totalCount } }';
    expect((await errorsOf(query, {}))[0]?.extensions).toMatchObject({ code: 'OPERATION_TOO_COMPLEX', limit: 'cost' });
    expect(await errorsOf(query, { n: null })).toEqual([]);
  });

  it('refuses variables that do not fit the operation with BAD_USER_INPUT before measuring it, on every request', async () => {
    const query = 'query ($n: Int) { products(first: $n) { totalCount } }';
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const errors = await errorsOf(query, { n: 'many' });
      expect(errors).toEqual([
        expect.objectContaining({
          message: expect.stringContaining('Variable "$n" got invalid value "many"'),
          extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
        }),
      ]);
    }
  });

  it('refuses a document of too many tokens while parsing it', async () => {
    const [error] = await errorsOf(`{ ${'hello '.repeat(300)} }`);
    expect(error?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('refuses introspection when it is not configured', async () => {
    const [error] = await errorsOf('{ __schema { queryType { name } } }');
    expect(error?.message).toMatch(/introspection is not allowed/i);
  });

  it('gives no field suggestions in production, and gives them in development', async () => {
    const [hidden] = await errorsOf('{ helo }');
    expect(hidden?.message).not.toMatch(/Did you mean/);
    const development = await serve(false);
    try {
      const response = await development.executeOperation({ query: '{ helo }' });
      expect(response.body.kind === 'single' && response.body.singleResult.errors?.[0]?.message).toMatch(/Did you mean "hello"/);
    } finally {
      await development.stop();
    }
  });
});
