import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SUBGRAPH_CREDENTIAL_HEADER } from '@agora/auth';
import { waitFor } from '@agora/polling';
import { CircuitBreaker } from './circuit-breaker';
import { type SubgraphCallRecord, SubgraphDataSource } from './subgraph-data-source';

/** Short, since the subgraph below is in this process; nothing here measures time. */
const TIMEOUT_MS = 200;
/** For calls that must not time out, even on a loaded machine. */
const GENEROUS_TIMEOUT_MS = 10_000;
const POLICY = { failureThreshold: 2, cooldownMs: 60_000 };

type Behaviour = 'answer' | 'hang' | 'refuse-token' | 'crash' | 'text';

/** A stand-in subgraph over real HTTP that answers, hangs, refuses the token or fails, and counts requests. */
class FakeSubgraph {
  requests = 0;
  behaviour: Behaviour = 'answer';
  last?: { headers: IncomingMessage['headers']; body: string };
  private readonly server: Server = createServer((request, response) => this.handle(request, response));

  async start(): Promise<string> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/graphql`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    this.requests += 1;
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      this.last = { headers: request.headers, body };
      const json = (status: number, answer: unknown) =>
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      if (this.behaviour === 'answer') json(200, { data: { ok: true } });
      else if (this.behaviour === 'refuse-token') json(401, { errors: [{ message: 'bad token' }] });
      else if (this.behaviour === 'crash') json(500, { errors: [{ message: 'boom' }] });
      else if (this.behaviour === 'text') response.writeHead(200, { 'content-type': 'text/plain' }).end('fine');
    });
  }
}

describe('a subgraph call from the gateway', () => {
  const subgraph = new FakeSubgraph();
  let url: string;
  let records: SubgraphCallRecord[];
  const outcomes = () => records.map((record) => record.outcome);
  let breaker: CircuitBreaker;
  let source: SubgraphDataSource;

  beforeAll(async () => {
    url = await subgraph.start();
  });
  afterAll(() => subgraph.stop());

  beforeEach(() => {
    subgraph.requests = 0;
    subgraph.behaviour = 'answer';
    records = [];
    breaker = new CircuitBreaker(POLICY);
    source = new SubgraphDataSource('inventory', url, { timeoutMs: TIMEOUT_MS, breaker, record: (record) => records.push(record) });
  });

  // Apollo does not export its request-kind enum; 'health check' is its value for a call outside a client request.
  const call = (query = '{ ok }') =>
    source.process({ kind: 'health check', request: { query }, context: {} } as unknown as Parameters<SubgraphDataSource['process']>[0]);

  it('returns the subgraph’s answer', async () => {
    expect((await call()).data).toEqual({ ok: true });
    expect(outcomes()).toEqual(['answered']);
  });

  it('posts the operation with the gateway’s credential and the client’s token, correlation id and address', async () => {
    const withCredential = new SubgraphDataSource(
      'inventory',
      url,
      { timeoutMs: GENEROUS_TIMEOUT_MS, breaker },
      { credential: 'gateway-secret' },
    );
    const req = { headers: { authorization: 'Bearer ada', 'x-correlation-id': 'c-1', 'x-forwarded-for': 'forged' }, ip: '10.0.0.7' };
    await withCredential.process({
      kind: 'health check',
      request: { query: 'query Q($n: Int) { ok(n: $n) }', variables: { n: 1 }, operationName: 'Q' },
      context: { req },
    } as unknown as Parameters<SubgraphDataSource['process']>[0]);
    expect(JSON.parse(subgraph.last!.body)).toEqual({ query: 'query Q($n: Int) { ok(n: $n) }', variables: { n: 1 }, operationName: 'Q' });
    expect(subgraph.last!.headers).toMatchObject({
      'content-type': 'application/json',
      [SUBGRAPH_CREDENTIAL_HEADER]: 'gateway-secret',
      authorization: 'Bearer ada',
      'x-correlation-id': 'c-1',
      'x-forwarded-for': '10.0.0.7',
    });
  });

  it('refuses an answer that is not JSON, as Apollo’s data source does', async () => {
    subgraph.behaviour = 'text';
    const patient = new SubgraphDataSource('inventory', url, { timeoutMs: GENEROUS_TIMEOUT_MS, breaker });
    const health = { kind: 'health check', request: { query: '{ ok }' }, context: {} };
    await expect(patient.process(health as unknown as Parameters<SubgraphDataSource['process']>[0])).rejects.toMatchObject({
      extensions: { reason: 'unreachable' },
      originalError: expect.objectContaining({ message: 'Expected JSON response body, but received: fine' }),
    });
  });

  it('gives up at the deadline with SERVICE_UNAVAILABLE naming the service', async () => {
    subgraph.behaviour = 'hang';
    await expect(call()).rejects.toMatchObject({
      message: expect.stringContaining(`The inventory service did not answer within ${TIMEOUT_MS} ms`),
      extensions: { code: 'SERVICE_UNAVAILABLE', service: 'inventory', reason: 'timeout' },
    });
    expect(outcomes()).toEqual(['timeout']);
  });

  it('sends a mutation that outlives its deadline once, and says it may have been applied', async () => {
    subgraph.behaviour = 'hang';
    await expect(call('mutation { restock }')).rejects.toMatchObject({ message: expect.stringContaining('may have been applied') });
    expect(subgraph.requests).toBe(1);
  });

  it('fails fast, without calling the subgraph, once its circuit is open', async () => {
    subgraph.behaviour = 'hang';
    await expect(call()).rejects.toThrow();
    await expect(call()).rejects.toThrow();
    await expect(call()).rejects.toMatchObject({
      message: expect.stringContaining('its last 2 calls failed'),
      extensions: { code: 'SERVICE_UNAVAILABLE', service: 'inventory', reason: 'circuit-open' },
    });
    expect(subgraph.requests).toBe(2);
    expect(outcomes()).toEqual(['timeout', 'timeout', 'circuit-open']);
  });

  it('counts an HTTP 5xx as a failure and names the service', async () => {
    subgraph.behaviour = 'crash';
    await expect(call()).rejects.toMatchObject({
      extensions: { code: 'SERVICE_UNAVAILABLE', service: 'inventory', reason: 'server-error' },
    });
    expect(breaker.state).toEqual({ kind: 'closed', consecutiveFailures: 1 });
  });

  it('passes a refusal of the subgraph on as it is, without counting it as a failure', async () => {
    subgraph.behaviour = 'refuse-token';
    await expect(call()).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(breaker.state).toEqual({ kind: 'closed', consecutiveFailures: 0 });
    expect(records).toEqual([{ outcome: 'answered', withErrors: true, seconds: expect.any(Number) }]);
  });

  it('records each call once, answered or not, with whether its answer carried errors', async () => {
    await call();
    subgraph.behaviour = 'crash';
    await expect(call()).rejects.toThrow();
    expect(records).toEqual([
      { outcome: 'answered', withErrors: false, seconds: expect.any(Number) },
      { outcome: 'server-error', withErrors: false, seconds: expect.any(Number) },
    ]);
  });

  it('gives a caller that joined a shared call its own deadline, and reports its timeout as such', async () => {
    // Long enough for the second call to join the first before the first's deadline, on a loaded machine too.
    const shared = new SubgraphDataSource(
      'inventory',
      url,
      { timeoutMs: 5 * TIMEOUT_MS, breaker, record: (record) => records.push(record) },
      { deduplicate: true },
    );
    const sharedCall = () =>
      shared.process({ kind: 'health check', request: { query: '{ ok }' }, context: {} } as unknown as Parameters<
        SubgraphDataSource['process']
      >[0]);
    subgraph.behaviour = 'hang';
    const first = sharedCall();
    const firstSettled = first.catch((error: unknown) => error);
    await waitFor(async () => subgraph.requests === 1, {
      timeoutMs: 5_000,
      intervalMs: 5,
      description: 'the first call to reach the subgraph',
    });
    const joining = sharedCall();
    const timedOut = { extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'timeout' } };
    await expect(firstSettled).resolves.toMatchObject(timedOut);
    await expect(joining).rejects.toMatchObject(timedOut);
    expect(subgraph.requests).toBe(1);
    expect(outcomes()).toEqual(['timeout', 'timeout']);
  });

  it('reports a subgraph that nothing answers for as unreachable', async () => {
    await subgraph.stop();
    try {
      await expect(call()).rejects.toMatchObject({
        message: 'The inventory service is unavailable, so the fields it serves are missing. Retry shortly.',
        extensions: { code: 'SERVICE_UNAVAILABLE', service: 'inventory', reason: 'unreachable' },
      });
    } finally {
      url = await subgraph.start();
    }
  });
});
