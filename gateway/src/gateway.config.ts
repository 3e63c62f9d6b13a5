import { booleanSchema, type Environment, listSchema, loadServiceConfig, type ServiceConfig } from '@agora/config';
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
  /** Identical subgraph queries in flight at once share one call (never mutations, never across users). */
  readonly subgraphDeduplication: boolean;
}

const SUBGRAPH_URL_VARIABLE = /^SUBGRAPH_([A-Z0-9_]+)_URL$/;

/**
 * Reads the gateway's environment: the shared service settings plus `SUPERGRAPH_PATH`,
 * `CORS_ORIGINS`, `SUBGRAPH_DEDUPLICATION` and `SUBGRAPH_<NAME>_URL` (e.g. `SUBGRAPH_CATALOG_URL=http://catalog:4002/graphql`),
 * which points a subgraph elsewhere than the URL it was composed with.
 */
export function loadGatewayConfig(env: Environment): GatewayConfig {
  const config = loadServiceConfig('gateway', GATEWAY_DEFAULT_PORT, env, {
    SUPERGRAPH_PATH: z.string().min(1).default(DEFAULT_SUPERGRAPH_PATH),
    CORS_ORIGINS: listSchema.default(['*']),
    SUBGRAPH_DEDUPLICATION: booleanSchema.default(true),
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
    subgraphDeduplication: config.env.SUBGRAPH_DEDUPLICATION,
  };
}
