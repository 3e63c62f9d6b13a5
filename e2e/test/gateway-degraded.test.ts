import { graphql, http, TestSystem } from '@agora/testing';

describe('a gateway started while most subgraphs are down', () => {
  // Only catalog runs: the gateway is pointed at nothing for accounts, inventory, orders, reviews and notifications.
  const system = new TestSystem({ subgraphs: ['catalog'] });

  beforeAll(() => system.start(), 90_000);
  afterAll(() => system.stop(), 60_000);

  it('starts, reports itself ready, and serves what catalog owns', async () => {
    expect((await http(`${system.gateway!.url}/health/ready`)).status).toBe(200);
    const response = await graphql(system.gatewayUrl, '{ products(first: 1) { totalCount } }');
    expect(response).toEqual({ data: { products: { totalCount: 0 } } });
  });

  it('answers SERVICE_UNAVAILABLE, naming the service, for fields of a subgraph that is down', async () => {
    const response = await graphql(system.gatewayUrl, '{ me { id } }');
    expect(response.errors?.[0]).toMatchObject({
      message: expect.stringContaining('accounts service is unavailable'),
      extensions: { code: 'SERVICE_UNAVAILABLE', service: 'accounts' },
    });
  });
});
