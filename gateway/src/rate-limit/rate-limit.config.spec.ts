import { ConfigError } from '@agora/config';
import { loadGatewayConfig } from '../gateway.config';

/** Production requires the gateway's credential for the subgraphs. */
const SUBGRAPH_SECRET = 's'.repeat(64);

describe("the gateway's rate limit configuration", () => {
  it('limits each client address in production, and nothing elsewhere unless RATE_LIMIT is set', () => {
    expect(loadGatewayConfig({ NODE_ENV: 'production', SUBGRAPH_SECRET }).rateLimit.budget).toEqual({ points: 600, durationSeconds: 60 });
    expect(loadGatewayConfig({}).rateLimit.budget).toBeUndefined();
    expect(loadGatewayConfig({ RATE_LIMIT: '5/10' }).rateLimit.budget).toEqual({ points: 5, durationSeconds: 10 });
    expect(loadGatewayConfig({ NODE_ENV: 'production', SUBGRAPH_SECRET, RATE_LIMIT: 'off' }).rateLimit.budget).toBeUndefined();
  });

  it('refuses a malformed budget or Redis URL at start', () => {
    expect(() => loadGatewayConfig({ RATE_LIMIT: '5 per minute' })).toThrow(ConfigError);
    expect(() => loadGatewayConfig({ REDIS_URL: 'http://127.0.0.1:6379' })).toThrow(ConfigError);
  });
});
