import { dedupeInFlight, inFlightKey, leadingQuery, queryOnlyDocuments, type SubgraphFetcher } from './in-flight-dedup.fetcher';

const URL = 'http://catalog/graphql';
const QUERY = '{ products(first: 2) { edges { node { id } } } }';

function post(query: string, headers: Record<string, string> = {}, variables: Record<string, unknown> = {}) {
  return { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) };
}

/** A subgraph that answers only when told to, counting the calls it received. */
function heldSubgraph() {
  const calls: { url: string; body: string }[] = [];
  const releases: ((body: string) => void)[] = [];
  const fetcher = (async (url: string, init?: { body?: unknown }) => {
    calls.push({ url, body: String(init?.body) });
    const body = await new Promise<string>((resolve) => releases.push(resolve));
    return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
  }) as unknown as SubgraphFetcher;
  const releaseAll = (body: string) => releases.splice(0).forEach((release) => release(body));
  return { calls, fetcher, releaseAll };
}

async function settle(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
}

describe('dedupeInFlight', () => {
  it('sends identical queries in flight at once as one call, and gives each caller its own answer', async () => {
    const subgraph = heldSubgraph();
    const fetch = dedupeInFlight(subgraph.fetcher);
    const answers = [fetch(URL, post(QUERY)), fetch(URL, post(QUERY)), fetch(URL, post(QUERY))];
    await settle();
    subgraph.releaseAll('{"data":{"n":1}}');
    const bodies = await Promise.all(answers.map(async (answer) => (await answer).json()));
    expect(subgraph.calls).toHaveLength(1);
    expect(bodies).toEqual([{ data: { n: 1 } }, { data: { n: 1 } }, { data: { n: 1 } }]);
  });

  it('shares a call between requests that differ only in their correlation id', async () => {
    const subgraph = heldSubgraph();
    const fetch = dedupeInFlight(subgraph.fetcher);
    const answers = [fetch(URL, post(QUERY, { 'x-correlation-id': 'a' })), fetch(URL, post(QUERY, { 'x-correlation-id': 'b' }))];
    await settle();
    subgraph.releaseAll('{"data":{}}');
    await Promise.all(answers);
    expect(subgraph.calls).toHaveLength(1);
  });

  it('never shares a call between different users (authorization headers)', async () => {
    const subgraph = heldSubgraph();
    const fetch = dedupeInFlight(subgraph.fetcher);
    const answers = [
      fetch(URL, post(QUERY, { authorization: 'Bearer ada' })),
      fetch(URL, post(QUERY, { authorization: 'Bearer grace' })),
      fetch(URL, post(QUERY)),
    ];
    await settle();
    subgraph.releaseAll('{"data":{}}');
    await Promise.all(answers);
    expect(subgraph.calls).toHaveLength(3);
  });

  it('never shares a mutation, even an identical one', async () => {
    const subgraph = heldSubgraph();
    const fetch = dedupeInFlight(subgraph.fetcher);
    const mutation = 'mutation { placeOrder(input: { items: [] }) { id } }';
    const answers = [fetch(URL, post(mutation)), fetch(URL, post(mutation))];
    await settle();
    subgraph.releaseAll('{"data":{}}');
    await Promise.all(answers);
    expect(subgraph.calls).toHaveLength(2);
  });

  it('keeps calls apart when the subgraph, the variables or the query differ', async () => {
    const subgraph = heldSubgraph();
    const fetch = dedupeInFlight(subgraph.fetcher);
    const answers = [
      fetch(URL, post(QUERY, {}, { id: 1 })),
      fetch(URL, post(QUERY, {}, { id: 2 })),
      fetch('http://reviews/graphql', post(QUERY, {}, { id: 1 })),
      fetch(URL, post('{ topProducts { id } }', {}, { id: 1 })),
    ];
    await settle();
    subgraph.releaseAll('{"data":{}}');
    await Promise.all(answers);
    expect(subgraph.calls).toHaveLength(4);
  });

  it('caches nothing: the same query after the answer arrived is sent again', async () => {
    const subgraph = heldSubgraph();
    const fetch = dedupeInFlight(subgraph.fetcher);
    const first = fetch(URL, post(QUERY));
    await settle();
    subgraph.releaseAll('{"data":{"n":1}}');
    await first;
    const second = fetch(URL, post(QUERY));
    await settle();
    subgraph.releaseAll('{"data":{"n":2}}');
    expect(await (await second).json()).toEqual({ data: { n: 2 } });
    expect(subgraph.calls).toHaveLength(2);
  });

  it('gives every waiting caller the failure of the shared call, then fetches anew', async () => {
    let calls = 0;
    const failing = (async () => {
      calls += 1;
      throw new Error('connection refused');
    }) as unknown as SubgraphFetcher;
    const fetch = dedupeInFlight(failing);
    await expect(Promise.all([fetch(URL, post(QUERY)), fetch(URL, post(QUERY))])).rejects.toThrow('connection refused');
    await expect(fetch(URL, post(QUERY))).rejects.toThrow('connection refused');
    expect(calls).toBe(2);
  });

  it('lets a caller whose own signal aborts stop waiting for a shared call', async () => {
    const subgraph = heldSubgraph();
    const fetch = dedupeInFlight(subgraph.fetcher);
    const leader = fetch(URL, post(QUERY));
    const controller = new AbortController();
    const follower = fetch(URL, { ...post(QUERY), signal: controller.signal });
    controller.abort(new Error('deadline passed'));
    await expect(follower).rejects.toThrow('deadline passed');
    subgraph.releaseAll('{"data":{}}');
    await expect(leader).resolves.toBeDefined();
  });
});

describe('inFlightKey', () => {
  const isQueryOnly = queryOnlyDocuments();

  it('leaves out anything but a POSTed document of queries only', () => {
    expect(inFlightKey(URL, { method: 'GET' }, isQueryOnly)).toBeUndefined();
    expect(inFlightKey(URL, post('mutation { a }'), isQueryOnly)).toBeUndefined();
    expect(inFlightKey(URL, post('query A { a } mutation B { b }'), isQueryOnly)).toBeUndefined();
    expect(inFlightKey(URL, post('subscription { a }'), isQueryOnly)).toBeUndefined();
    expect(inFlightKey(URL, post('not graphql {'), isQueryOnly)).toBeUndefined();
    expect(inFlightKey(URL, { method: 'POST', body: 'not json' }, isQueryOnly)).toBeUndefined();
    expect(inFlightKey(URL, post('query Q { a } fragment F on T { b }'), isQueryOnly)).toEqual(expect.any(String));
  });

  it('reads header names case-insensitively and ignores their order', () => {
    const a = inFlightKey(URL, post(QUERY, { Authorization: 'Bearer x', 'X-Extra': '1' }), isQueryOnly);
    const b = inFlightKey(URL, post(QUERY, { 'x-extra': '1', authorization: 'Bearer x' }), isQueryOnly);
    expect(a).toBe(b);
  });

  it('keeps any header that is not trace-only in the key, so a new credential header separates callers too', () => {
    expect(inFlightKey(URL, post(QUERY, { 'x-gateway-credential': 'one' }), isQueryOnly)).not.toBe(
      inFlightKey(URL, post(QUERY, { 'x-gateway-credential': 'two' }), isQueryOnly),
    );
    expect(inFlightKey(URL, post(QUERY, { traceparent: 'one' }), isQueryOnly)).toBe(
      inFlightKey(URL, post(QUERY, { traceparent: 'two' }), isQueryOnly),
    );
  });
});

describe('leadingQuery', () => {
  it('reads the query of a body that starts with it, escapes included, without the variables', () => {
    const query = 'query { a(s: "quoted \\" and \\\\ backslash") }';
    expect(leadingQuery(JSON.stringify({ query, variables: { representations: [{ id: 1 }] } }))).toBe(query);
  });

  it('parses any other body in full, and gives up on one without a query', () => {
    expect(leadingQuery(JSON.stringify({ variables: {}, query: '{ a }' }))).toBe('{ a }');
    expect(leadingQuery(JSON.stringify({ variables: {} }))).toBeUndefined();
    expect(leadingQuery('{"query":"unterminated')).toBeUndefined();
    expect(leadingQuery('not json')).toBeUndefined();
  });
});
