import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { subgraphHttpFetcher } from './subgraph-http.fetcher';

describe('subgraphHttpFetcher', () => {
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

  it('posts the body with the given headers and returns status, headers and JSON', async () => {
    const fetch = subgraphHttpFetcher();
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer x' },
      body: '{"query":"{ a }"}',
    });
    expect(response.ok).toBe(true);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ data: { echo: '{"query":"{ a }"}' } });
    expect(received.at(-1)).toMatchObject({ method: 'POST', headers: { authorization: 'Bearer x' } });
  });

  it('reports a non-2xx answer as not ok, with its body readable', async () => {
    const response = await subgraphHttpFetcher()(`${url}/missing`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(404);
    expect(response.ok).toBe(false);
    expect(await response.text()).toContain('echo');
  });

  it('rejects when nothing listens, and when the caller aborts', async () => {
    await expect(subgraphHttpFetcher()('http://127.0.0.1:9/graphql', { method: 'POST', body: '{}' })).rejects.toThrow();
    const controller = new AbortController();
    const pending = subgraphHttpFetcher()(`${url}/slow`, { method: 'POST', body: '{}', signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toThrow(/abort/i);
  });
});
