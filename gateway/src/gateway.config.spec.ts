import { ConfigError } from '@agora/config';
import { DEFAULT_CIRCUIT_COOLDOWN_MS, DEFAULT_CIRCUIT_FAILURES, DEFAULT_SUBGRAPH_TIMEOUT_MS, loadGatewayConfig } from './gateway.config';

describe("the gateway's configuration of subgraph calls", () => {
  it('gives every subgraph a deadline of a few seconds and a circuit breaker by default', () => {
    expect(loadGatewayConfig({}).subgraphCalls).toEqual({
      defaultTimeoutMs: DEFAULT_SUBGRAPH_TIMEOUT_MS,
      timeoutMs: {},
      circuit: { failureThreshold: DEFAULT_CIRCUIT_FAILURES, cooldownMs: DEFAULT_CIRCUIT_COOLDOWN_MS },
    });
  });

  it('reads a default deadline, one per subgraph and the circuit settings', () => {
    const config = loadGatewayConfig({
      SUBGRAPH_TIMEOUT_MS: '2000',
      SUBGRAPH_REVIEWS_TIMEOUT_MS: '800',
      SUBGRAPH_CIRCUIT_FAILURES: '3',
      SUBGRAPH_CIRCUIT_COOLDOWN_MS: '1500',
      SUBGRAPH_REVIEWS_URL: 'http://reviews:4005/graphql',
    });
    expect(config.subgraphCalls).toEqual({
      defaultTimeoutMs: 2000,
      timeoutMs: { reviews: 800 },
      circuit: { failureThreshold: 3, cooldownMs: 1500 },
    });
    expect(config.subgraphUrls).toEqual({ reviews: 'http://reviews:4005/graphql' });
  });

  it('lists every bad deadline in one error', () => {
    const load = () => loadGatewayConfig({ SUBGRAPH_TIMEOUT_MS: '0', SUBGRAPH_ORDERS_TIMEOUT_MS: 'soon' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/SUBGRAPH_TIMEOUT_MS="0"[\s\S]*SUBGRAPH_ORDERS_TIMEOUT_MS="soon"/);
  });
});

const SECRET = 'c'.repeat(64);

describe('loadGatewayConfig', () => {
  it('shows Apollo Sandbox in development and hides it in production unless SANDBOX says otherwise', () => {
    expect(loadGatewayConfig({}).sandbox).toBe(true);
    expect(loadGatewayConfig({ NODE_ENV: 'production', SUBGRAPH_SECRET: SECRET }).sandbox).toBe(false);
    expect(loadGatewayConfig({ NODE_ENV: 'production', SUBGRAPH_SECRET: SECRET, SANDBOX: 'yes' }).sandbox).toBe(true);
  });

  it("keeps Apollo's host report off unless APOLLO_TELEMETRY_DISABLED=false asks for it", () => {
    expect(loadGatewayConfig({}).apolloDataCollection).toBe(false);
    expect(loadGatewayConfig({ APOLLO_TELEMETRY_DISABLED: 'true' }).apolloDataCollection).toBe(false);
    expect(loadGatewayConfig({ APOLLO_TELEMETRY_DISABLED: 'false' }).apolloDataCollection).toBe(true);
  });

  it('reads the subgraph URLs that replace the composed ones', () => {
    expect(loadGatewayConfig({ SUBGRAPH_CATALOG_URL: 'http://catalog:4002/graphql' }).subgraphUrls).toEqual({
      catalog: 'http://catalog:4002/graphql',
    });
  });
});
