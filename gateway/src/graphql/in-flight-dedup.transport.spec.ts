import { dedupeInFlight, inFlightKey } from './in-flight-dedup.transport';
import type { SubgraphAnswer, SubgraphRequest, SubgraphTransport } from './subgraph-transport';

const URL = 'http://catalog/graphql';
const QUERY = '{ products(first: 2) { edges { node { id } } } }';

/** A query the gateway marked shareable, or with `shareable: false` one it did not (a mutation). */
function post(
  query: string,
  { headers = {}, variables = {}, shareable = true, signal = new AbortController().signal, url = URL } = {} as {
    headers?: Record<string, string>;
    variables?: Record<string, unknown>;
    shareable?: boolean;
    signal?: AbortSignal;
    url?: string;
  },
): SubgraphRequest {
  return {
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
    call: { signal, shareable },
  };
}

function answer(body: string): SubgraphAnswer {
  return { url: URL, status: 200, statusText: 'OK', headers: [['content-type', 'application/json']], body };
}

/** A subgraph that answers only when told to, counting the calls it received and seeing their signals. */
function heldSubgraph() {
  const calls: SubgraphRequest[] = [];
  const releases: ((body: string) => void)[] = [];
  const transport: SubgraphTransport = async (request) => {
    calls.push(request);
    return answer(await new Promise<string>((resolve) => releases.push(resolve)));
  };
  const releaseAll = (body: string) => releases.splice(0).forEach((release) => release(body));
  return { calls, transport, releaseAll };
}

async function settle(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
}

/** How many calls reach the subgraph when `requests` are all in flight at once. */
async function subgraphCallsFor(requests: readonly SubgraphRequest[]): Promise<number> {
  const subgraph = heldSubgraph();
  const send = dedupeInFlight(subgraph.transport);
  const answers = requests.map((request) => send(request));
  await settle();
  subgraph.releaseAll('{"data":{}}');
  await Promise.all(answers);
  return subgraph.calls.length;
}

describe('dedupeInFlight', () => {
  it('sends identical queries in flight at once as one call, and gives each caller the answer', async () => {
    const subgraph = heldSubgraph();
    const send = dedupeInFlight(subgraph.transport);
    const answers = [send(post(QUERY)), send(post(QUERY)), send(post(QUERY))];
    await settle();
    subgraph.releaseAll('{"data":{"n":1}}');
    const bodies = (await Promise.all(answers)).map((shared) => JSON.parse(shared.body) as unknown);
    expect(subgraph.calls).toHaveLength(1);
    expect(bodies).toEqual([{ data: { n: 1 } }, { data: { n: 1 } }, { data: { n: 1 } }]);
  });

  it('shares a call between requests that differ only in their correlation id', async () => {
    expect(
      await subgraphCallsFor([
        post(QUERY, { headers: { 'x-correlation-id': 'a' } }),
        post(QUERY, { headers: { 'x-correlation-id': 'b' } }),
      ]),
    ).toBe(1);
  });

  it('never shares a call between different users (authorization headers)', async () => {
    expect(
      await subgraphCallsFor([
        post(QUERY, { headers: { authorization: 'Bearer ada' } }),
        post(QUERY, { headers: { authorization: 'Bearer grace' } }),
        post(QUERY),
      ]),
    ).toBe(3);
  });

  it('never shares a call the gateway did not mark shareable (a mutation), even an identical one', async () => {
    const mutation = 'mutation { placeOrder(input: { items: [] }) { id } }';
    expect(await subgraphCallsFor([post(mutation, { shareable: false }), post(mutation, { shareable: false })])).toBe(2);
  });

  it('keeps calls apart when the subgraph, the variables or the query differ', async () => {
    expect(
      await subgraphCallsFor([
        post(QUERY, { variables: { id: 1 } }),
        post(QUERY, { variables: { id: 2 } }),
        post(QUERY, { variables: { id: 1 }, url: 'http://reviews/graphql' }),
        post('{ topProducts { id } }', { variables: { id: 1 } }),
      ]),
    ).toBe(4);
  });

  it('caches nothing: the same query after the answer arrived is sent again', async () => {
    const subgraph = heldSubgraph();
    const send = dedupeInFlight(subgraph.transport);
    const first = send(post(QUERY));
    await settle();
    subgraph.releaseAll('{"data":{"n":1}}');
    await first;
    const second = send(post(QUERY));
    await settle();
    subgraph.releaseAll('{"data":{"n":2}}');
    expect((await second).body).toBe('{"data":{"n":2}}');
    expect(subgraph.calls).toHaveLength(2);
  });

  it('gives every waiting caller the failure of the shared call, then fetches anew', async () => {
    let calls = 0;
    const failing: SubgraphTransport = async () => {
      calls += 1;
      throw new Error('connection refused');
    };
    const send = dedupeInFlight(failing);
    await expect(Promise.all([send(post(QUERY)), send(post(QUERY))])).rejects.toThrow('connection refused');
    await expect(send(post(QUERY))).rejects.toThrow('connection refused');
    expect(calls).toBe(2);
  });

  it('lets a caller whose own deadline passes stop waiting, with its own reason, while the shared call goes on for the others', async () => {
    const subgraph = heldSubgraph();
    const send = dedupeInFlight(subgraph.transport);
    const first = new AbortController();
    const leader = send(post(QUERY, { signal: first.signal }));
    const follower = send(post(QUERY));
    first.abort(new Error('the leader’s deadline passed'));
    await expect(leader).rejects.toThrow('the leader’s deadline passed');
    expect(subgraph.calls[0]!.call!.signal.aborted).toBe(false);
    subgraph.releaseAll('{"data":{}}');
    await expect(follower).resolves.toMatchObject({ body: '{"data":{}}' });
  });

  it('aborts the shared call once every caller has stopped waiting, and sends the next one anew', async () => {
    const subgraph = heldSubgraph();
    const send = dedupeInFlight(subgraph.transport);
    const callers = [new AbortController(), new AbortController()];
    const waits = callers.map((caller) => send(post(QUERY, { signal: caller.signal })));
    for (const caller of callers) caller.abort(new Error('deadline passed'));
    await expect(Promise.all(waits)).rejects.toThrow('deadline passed');
    expect(subgraph.calls[0]!.call!.signal.aborted).toBe(true);
    const next = send(post(QUERY));
    await settle();
    expect(subgraph.calls).toHaveLength(2);
    subgraph.releaseAll('{"data":{}}');
    await expect(next).resolves.toBeDefined();
  });

  it('refuses at once a caller whose deadline has already passed', async () => {
    const subgraph = heldSubgraph();
    const send = dedupeInFlight(subgraph.transport);
    await expect(send(post(QUERY, { signal: AbortSignal.abort(new Error('too late')) }))).rejects.toThrow('too late');
    expect(subgraph.calls).toHaveLength(0);
  });
});

describe('inFlightKey', () => {
  it('leaves out anything but a POST the gateway marked shareable', () => {
    expect(inFlightKey({ ...post(QUERY), method: 'GET' })).toBeUndefined();
    expect(inFlightKey(post('mutation { a }', { shareable: false }))).toBeUndefined();
    const { call: _call, ...withoutCall } = post(QUERY);
    expect(inFlightKey(withoutCall)).toBeUndefined();
    expect(inFlightKey(post(QUERY))).toEqual(expect.any(String));
  });

  it('reads header names case-insensitively and ignores their order', () => {
    const a = inFlightKey(post(QUERY, { headers: { Authorization: 'Bearer x', 'X-Extra': '1' } }));
    const b = inFlightKey(post(QUERY, { headers: { 'x-extra': '1', authorization: 'Bearer x' } }));
    expect(a).toBe(b);
  });

  it('keeps any header that is not trace-only in the key, so a new credential header separates callers too', () => {
    expect(inFlightKey(post(QUERY, { headers: { 'x-gateway-credential': 'one' } }))).not.toBe(
      inFlightKey(post(QUERY, { headers: { 'x-gateway-credential': 'two' } })),
    );
    expect(inFlightKey(post(QUERY, { headers: { traceparent: 'one' } }))).toBe(
      inFlightKey(post(QUERY, { headers: { traceparent: 'two' } })),
    );
  });
});
