import { loadGatewayConfig } from './gateway.config';

const SECRET = 'c'.repeat(64);

describe('loadGatewayConfig', () => {
  it('shows Apollo Sandbox in development and hides it in production unless SANDBOX says otherwise', () => {
    expect(loadGatewayConfig({}).sandbox).toBe(true);
    expect(loadGatewayConfig({ NODE_ENV: 'production', SUBGRAPH_SECRET: SECRET }).sandbox).toBe(false);
    expect(loadGatewayConfig({ NODE_ENV: 'production', SUBGRAPH_SECRET: SECRET, SANDBOX: 'yes' }).sandbox).toBe(true);
  });

  it('reads the subgraph URLs that replace the composed ones', () => {
    expect(loadGatewayConfig({ SUBGRAPH_CATALOG_URL: 'http://catalog:4002/graphql' }).subgraphUrls).toEqual({
      catalog: 'http://catalog:4002/graphql',
    });
  });
});
