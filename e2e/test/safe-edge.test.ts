import { SUBGRAPH_CREDENTIAL_HEADER } from '@agora/auth';
import { uuidv7 } from '@agora/contracts';
import { graphql, type GraphQLResponse, http, TestSystem } from '@agora/testing';

const SUBGRAPHS = ['accounts', 'catalog', 'inventory', 'orders', 'reviews', 'notifications'];
const MIB = 1024 * 1024;

/** `reviews { edges { node { product { … } } } }`, `levels` times over, around `inner`. */
function nestedReviews(levels: number, inner = 'id'): string {
  let selection = inner;
  for (let level = 0; level < levels; level += 1) selection = `reviews { edges { node { product { ${selection} } } } }`;
  return selection;
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; body: GraphQLResponse }> {
  const response = await http(url, { method: 'POST', headers, body });
  return { status: response.status, body: response.json<GraphQLResponse>() };
}

function codeOf(response: GraphQLResponse): unknown {
  return response.errors?.[0]?.extensions?.code;
}

describe('the safe edge of a production system', () => {
  const system = new TestSystem({ subgraphs: SUBGRAPHS, production: true });
  const productId = uuidv7();
  const query = (text: string, variables: Record<string, unknown> = {}) => graphql(system.gatewayUrl, text, variables);

  beforeAll(() => system.start(), 120_000);
  afterAll(() => system.stop(), 60_000);

  describe('operation limits at the gateway', () => {
    it('refuses the 20-level nested reviews → product → reviews query by its depth', async () => {
      const response = await query(`{ product(id: "${productId}") { ${nestedReviews(20)} } }`);
      expect(response.data).toBeUndefined();
      expect(response.errors?.[0]).toMatchObject({
        message: expect.stringMatching(/depth limit of 12 exceeded/),
        extensions: { code: 'OPERATION_TOO_COMPLEX', limit: 'depth' },
      });
    });

    it('refuses a deep query wrapped in an operation named __schema', async () => {
      const response = await query(`query __schema { product(id: "${productId}") { ${nestedReviews(20)} } }`);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_TOO_COMPLEX', limit: 'depth' });
    });

    it('refuses a deep query wrapped in a fragment named __schema', async () => {
      const response = await query(`{ product(id: "${productId}") { ...__schema } } fragment __schema on Product { ${nestedReviews(20)} }`);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_TOO_COMPLEX', limit: 'depth' });
    });

    it('refuses a fragment cycle as invalid', async () => {
      const response = await query(
        `{ product(id: "${productId}") { ...Loop } } fragment Loop on Product { reviews { edges { node { product { ...Loop } } } } }`,
      );
      expect(codeOf(response)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(response.errors?.[0]?.message).toMatch(/Cannot spread fragment "Loop" within itself/);
    });

    it('refuses 500 aliases', async () => {
      const aliases = Array.from({ length: 500 }, (_, index) => `a${index}: __typename`).join(' ');
      const response = await query(`{ ${aliases} }`);
      expect(response.errors?.[0]).toMatchObject({
        message: expect.stringMatching(/Aliases limit of 30 exceeded, found 500/),
        extensions: { code: 'OPERATION_TOO_COMPLEX', limit: 'aliases' },
      });
    });

    it('refuses 500 aliases of a real field even before counting them, by the size of the document', async () => {
      const aliases = Array.from({ length: 500 }, (_, index) => `p${index}: product(id: "${productId}") { id }`).join(' ');
      expect(codeOf(await query(`{ ${aliases} }`))).toBe('GRAPHQL_PARSE_FAILED');
    });

    it('refuses a shallow query whose lists multiply past the cost limit, also when first is a variable', async () => {
      const broad =
        'query ($n: Int) { products(first: $n) { edges { node { reviews(first: $n) { edges { node { author { name } } } } } } } }';
      expect((await query(broad, { n: 5 })).errors).toBeUndefined();
      const refused = await query(broad, { n: 100 });
      expect(refused.errors?.[0]).toMatchObject({
        message: expect.stringMatching(/may return about \d+ objects; at most 5000/),
        extensions: { code: 'OPERATION_TOO_COMPLEX', limit: 'cost' },
      });
    });

    it('refuses more root fields than allowed', async () => {
      const roots = Array.from({ length: 11 }, (_, index) => `p${index}: product(id: "${productId}") { id }`).join(' ');
      const response = await query(`{ ${roots} }`);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_TOO_COMPLEX', limit: 'rootFields' });
    });

    it('refuses a document of too many tokens while parsing it', async () => {
      const response = await query(`{ product(id: "${productId}") { ${'id '.repeat(3000)} } }`);
      expect(codeOf(response)).toBe('GRAPHQL_PARSE_FAILED');
      expect(response.errors?.[0]?.message).toMatch(/more th\w+ 2000 tokens/);
    });
  });

  describe('requests at the HTTP edge', () => {
    it('refuses a 5 MiB body with 413 and PAYLOAD_TOO_LARGE', async () => {
      const body = JSON.stringify({ query: `{ __typename }`, variables: { padding: 'x'.repeat(5 * MIB) } });
      const response = await post(system.gatewayUrl, body, { 'content-type': 'application/json' });
      expect(response.status).toBe(413);
      expect(codeOf(response.body)).toBe('PAYLOAD_TOO_LARGE');
    });

    it('refuses a text/plain POST, as a cross-site form would send it, with BAD_REQUEST', async () => {
      const body = JSON.stringify({ query: 'mutation { logIn(email: "a@example.com", password: "whatever") { token } }' });
      const response = await post(system.gatewayUrl, body, { 'content-type': 'text/plain' });
      expect(response.status).toBe(400);
      expect(codeOf(response.body)).toBe('BAD_REQUEST');
      expect(response.body.errors?.[0]?.message).toMatch(/Cross-Site Request Forgery/);
    });

    it('refuses a batch of operations in one request', async () => {
      const body = JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]);
      const response = await post(system.gatewayUrl, body, { 'content-type': 'application/json' });
      expect(response.status).toBe(400);
      expect(codeOf(response.body)).toBe('BAD_REQUEST');
    });
  });

  describe('production mode', () => {
    it('gives no field suggestions', async () => {
      const response = await query('{ prodcts(first: 1) { totalCount } }');
      expect(codeOf(response)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(response.errors?.[0]?.message).toMatch(/prodcts/);
      expect(JSON.stringify(response)).not.toMatch(/Did you mean|products/);
    });

    it('refuses introspection', async () => {
      const response = await query('{ __schema { types { name } } }');
      expect(codeOf(response)).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(response.errors?.[0]?.message).toMatch(/introspection is not allowed/i);
    });

    it('sends no stack traces with errors', async () => {
      const responses = [
        await query('{ product(id: 1) { nope } }'),
        await query(`{ product(id: "${productId}") { ${nestedReviews(20)} } }`),
      ];
      for (const response of responses) {
        expect(response.errors?.length).toBeGreaterThan(0);
        expect(JSON.stringify(response)).not.toMatch(/stacktrace|\.js:\d+/);
      }
    });

    it('serves no Sandbox page to a browser', async () => {
      expect((await http(system.gatewayUrl, { headers: { accept: 'text/html' } })).body).not.toMatch(/sandbox/i);
    });
  });

  describe('subgraphs called without the gateway', () => {
    const service = '{ _service { sdl } }';
    const entities = 'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Product { id } } }';
    const representations = { representations: [{ __typename: 'Product', id: productId }] };

    it.each(SUBGRAPHS)('%s refuses _service and _entities without the gateway credential, with 403', async (name) => {
      for (const [text, variables] of [
        [service, {}],
        [entities, representations],
      ] as const) {
        const response = await post(system.subgraph(name).graphqlUrl, JSON.stringify({ query: text, variables }), {
          'content-type': 'application/json',
        });
        expect(response.status).toBe(403);
        expect(codeOf(response.body)).toBe('GATEWAY_CREDENTIAL_REQUIRED');
      }
      const forged = await graphql(system.subgraph(name).graphqlUrl, service, {}, { [SUBGRAPH_CREDENTIAL_HEADER]: 'not-the-secret' });
      expect(codeOf(forged)).toBe('GATEWAY_CREDENTIAL_REQUIRED');
    });

    it('answers _service and _entities with the gateway credential', async () => {
      const sdl = await system.callSubgraph('catalog', service);
      expect(sdl.data?._service.sdl).toMatch(/type Product/);
      expect(await system.callSubgraph('catalog', entities, representations)).toEqual({ data: { _entities: [null] } });
    });

    it('keeps health and metrics reachable without the credential', async () => {
      const catalog = system.subgraph('catalog');
      expect((await http(`${catalog.url}/health/ready`)).status).toBe(200);
      expect((await http(`${catalog.url}/metrics`)).status).toBe(200);
    });

    it('refuses, with its own depth limit, a deep query sent with the credential straight to reviews', async () => {
      const deep = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Product { ${nestedReviews(20)} } } }`;
      const response = await system.callSubgraph('reviews', deep, representations);
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_TOO_COMPLEX', limit: 'depth' });
    });
  });

  it('keeps every service up after all of the above', async () => {
    for (const service of [system.gateway!, ...system.subgraphs.values()]) {
      expect(service.running).toBe(true);
      expect((await http(`${service.url}/health/ready`)).status).toBe(200);
    }
  });
});
