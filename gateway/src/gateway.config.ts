import { type Environment, listSchema, loadServiceConfig, type ServiceConfig } from '@agora/config';
import { type RateLimitBudget, rateLimitVariable, redisUrlSchema } from '@agora/rate-limit';
import { z } from 'zod';

export const GATEWAY_DEFAULT_PORT = 4000;
export const DEFAULT_SUPERGRAPH_PATH = 'gateway/supergraph.graphql';

export interface GatewayConfig extends ServiceConfig {
  /** The composed supergraph file, watched and reloaded when it changes. */
  readonly supergraphPath: string;
  /** Origins allowed by CORS; `['*']` allows any. */
  readonly corsOrigins: readonly string[];
  /** Subgraph URLs that replace the ones composed into the supergraph, by subgraph name. */
  readonly subgraphUrls: Readonly<Record<string, string>>;
  /** Requests per client address (none: unlimited), counted in Redis when `redisUrl` is set. */
  readonly rateLimit: { readonly budget: RateLimitBudget | undefined; readonly redisUrl: string | undefined };
}

/** The production budget per client address; development and tests have none unless `RATE_LIMIT` is set. */
const PRODUCTION_RATE_LIMIT = '600/60';

const SUBGRAPH_URL_VARIABLE = /^SUBGRAPH_([A-Z0-9_]+)_URL$/;

/**
 * Reads the gateway's environment: the shared service settings plus `SUPERGRAPH_PATH`,
 * `CORS_ORIGINS` and `SUBGRAPH_<NAME>_URL` (e.g. `SUBGRAPH_CATALOG_URL=http://catalog:4002/graphql`),
 * which points a subgraph elsewhere than the URL it was composed with.
 */
export function loadGatewayConfig(env: Environment): GatewayConfig {
  const config = loadServiceConfig('gateway', GATEWAY_DEFAULT_PORT, env, {
    SUPERGRAPH_PATH: z.string().min(1).default(DEFAULT_SUPERGRAPH_PATH),
    CORS_ORIGINS: listSchema.default(['*']),
    RATE_LIMIT: rateLimitVariable(env.NODE_ENV === 'production', PRODUCTION_RATE_LIMIT),
    REDIS_URL: redisUrlSchema.optional(),
  });
  const subgraphUrls: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    const match = SUBGRAPH_URL_VARIABLE.exec(name);
    if (match && value) subgraphUrls[match[1].toLowerCase()] = z.string().url().parse(value);
  }
  return {
    ...config,
    supergraphPath: config.env.SUPERGRAPH_PATH,
    corsOrigins: config.env.CORS_ORIGINS,
    subgraphUrls,
    rateLimit: { budget: config.env.RATE_LIMIT, redisUrl: config.env.REDIS_URL },
  };
}
