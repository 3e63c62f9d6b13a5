import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { subgraphHttpTransport } from './subgraph-http.transport';

describe('subgraphHttpTransport', () => {
  let server: Server;
  let url: string;
  const received: { method?: string; headers: IncomingMessage['headers']; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ method: request.method, headers: request.headers, body });
        if (request.url === '/slow') return void setTimeout(() => response.end('{}'), 5_000).unref();
        response.writeHead(request.url === '/missing' ? 404 : 200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        response.end(JSON.stringify({ data: { echo: body } }));
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    server.close();
  });

  const post = (target: string, signal?: AbortSignal) => ({
    url: target,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer x' },
    body: '{"query":"{ a }"}',
    ...(signal ? { call: { signal, shareable: true } } : {}),
  });

  it('lets an idle connection go before the subgraph closes it, so that no call lands on a closing socket', async () => {
    const idle = createServer((_request, response) => response.end('{}'));
    idle.keepAliveTimeout = 2_000; // announced as Keep-Alive: timeout=2
    let subgraphTimedOut = false;
    const closed = new Promise<void>((resolve) =>
      idle.once('connection', (socket) => {
        socket.on('timeout', () => (subgraphTimedOut = true));
        socket.once('close', () => resolve());
      }),
    );
    idle.listen(0, '127.0.0.1');
    await once(idle, 'listening');
    try {
      const answer = await subgraphHttpTransport()(post(`http://127.0.0.1:${(idle.address() as AddressInfo).port}`));
      expect(answer.status).toBe(200);
      await closed;
      expect(subgraphTimedOut).toBe(false);
    } finally {
      idle.closeAllConnections();
      idle.close();
    }
  });

  it('posts the body with the given headers and returns status, headers and the body', async () => {
    const answer = await subgraphHttpTransport()(post(`${url}/graphql`));
    expect(answer.status).toBe(200);
    expect(answer.headers).toContainEqual(['cache-control', 'no-store']);
    expect(JSON.parse(answer.body)).toEqual({ data: { echo: '{"query":"{ a }"}' } });
    expect(received.at(-1)).toMatchObject({ method: 'POST', headers: { authorization: 'Bearer x' } });
  });

  it('returns a non-2xx answer with its status and body', async () => {
    const answer = await subgraphHttpTransport()(post(`${url}/missing`));
    expect(answer.status).toBe(404);
    expect(answer.body).toContain('echo');
  });

  it('rejects when nothing listens, and when the call’s deadline passes', async () => {
    await expect(subgraphHttpTransport()(post('http://127.0.0.1:9/graphql'))).rejects.toThrow();
    const controller = new AbortController();
    const pending = subgraphHttpTransport()(post(`${url}/slow`, controller.signal));
    controller.abort();
    await expect(pending).rejects.toThrow(/abort/i);
  });
});
