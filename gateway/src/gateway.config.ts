import { booleanSchema, type Environment, listSchema, loadServiceConfig, type ServiceConfig } from '@agora/config';
import { type RateLimitBudget, rateLimitVariable, redisUrlSchema } from '@agora/rate-limit';
import { z } from 'zod';
import type { CircuitPolicy } from './graphql/circuit-breaker';

export const GATEWAY_DEFAULT_PORT = 4000;
export const DEFAULT_SUPERGRAPH_PATH = 'gateway/supergraph.graphql';
export const DEFAULT_SUBGRAPH_TIMEOUT_MS = 5_000;
export const DEFAULT_CIRCUIT_FAILURES = 5;
export const DEFAULT_CIRCUIT_COOLDOWN_MS = 5_000;
/** Longer than any subgraph call should take: a bigger value is a typo. */
const MAX_SUBGRAPH_TIMEOUT_MS = 120_000;

/** How the gateway calls subgraphs: a deadline per call, and a circuit breaker per subgraph. */
export interface SubgraphCallConfig {
  /** The deadline of one call to a subgraph without its own. */
  readonly defaultTimeoutMs: number;
  /** Deadlines of chosen subgraphs, by subgraph name. */
  readonly timeoutMs: Readonly<Record<string, number>>;
  readonly circuit: CircuitPolicy;
}

export interface GatewayConfig extends ServiceConfig {
  /** The composed supergraph file, watched and reloaded when it changes. */
  readonly supergraphPath: string;
  /** Origins allowed by CORS; `['*']` allows any. */
  readonly corsOrigins: readonly string[];
  /** Subgraph URLs that replace the ones composed into the supergraph, by subgraph name. */
  readonly subgraphUrls: Readonly<Record<string, string>>;
  readonly subgraphCalls: SubgraphCallConfig;
  /** Apollo Sandbox on a browser GET of /graphql; on in development, off in production unless `SANDBOX=true`. */
  readonly sandbox: boolean;
  /** Requests per client address (none: unlimited), counted in Redis when `redisUrl` is set. */
  readonly rateLimit: { readonly budget: RateLimitBudget | undefined; readonly redisUrl: string | undefined };
  /** Identical subgraph queries in flight at once share one call (never mutations, never across users). */
  readonly subgraphDeduplication: boolean;
  /**
   * Whether @apollo/gateway may send Apollo its hourly report about the host (uptime, CPU count and
   * frequency, memory, OS, cloud provider found by probing cloud metadata endpoints at start). Off
   * unless `APOLLO_TELEMETRY_DISABLED=false`: a gateway sends nothing where its operator did not ask.
   */
  readonly apolloDataCollection: boolean;
}

/** The production budget per client address; development and tests have none unless `RATE_LIMIT` is set. */
const PRODUCTION_RATE_LIMIT = '600/60';

const SUBGRAPH_URL_VARIABLE = /^SUBGRAPH_([A-Z0-9_]+)_URL$/;
const SUBGRAPH_TIMEOUT_VARIABLE = /^SUBGRAPH_([A-Z0-9_]+)_TIMEOUT_MS$/;
const timeoutSchema = z.coerce.number().int().min(1).max(MAX_SUBGRAPH_TIMEOUT_MS);

/**
 * Reads the gateway's environment: the shared service settings plus `SUPERGRAPH_PATH`,
 * `CORS_ORIGINS`, `SANDBOX`, `SUBGRAPH_DEDUPLICATION`, `APOLLO_TELEMETRY_DISABLED` and `SUBGRAPH_<NAME>_URL` (e.g.
 * `SUBGRAPH_CATALOG_URL=http://catalog:4002/graphql`), which points a subgraph elsewhere than the
 * URL it was composed with, and the subgraph call guards: `SUBGRAPH_TIMEOUT_MS`,
 * `SUBGRAPH_<NAME>_TIMEOUT_MS`, `SUBGRAPH_CIRCUIT_FAILURES` and `SUBGRAPH_CIRCUIT_COOLDOWN_MS`.
 */
export function loadGatewayConfig(env: Environment): GatewayConfig {
  const config = loadServiceConfig('gateway', GATEWAY_DEFAULT_PORT, env, {
    SUPERGRAPH_PATH: z.string().min(1).default(DEFAULT_SUPERGRAPH_PATH),
    CORS_ORIGINS: listSchema.default(['*']),
    SUBGRAPH_TIMEOUT_MS: timeoutSchema.default(DEFAULT_SUBGRAPH_TIMEOUT_MS),
    SUBGRAPH_CIRCUIT_FAILURES: z.coerce.number().int().min(1).max(1_000).default(DEFAULT_CIRCUIT_FAILURES),
    SUBGRAPH_CIRCUIT_COOLDOWN_MS: timeoutSchema.default(DEFAULT_CIRCUIT_COOLDOWN_MS),
    ...subgraphTimeoutShape(env),
    SANDBOX: booleanSchema.optional(),
    RATE_LIMIT: rateLimitVariable(env.NODE_ENV === 'production', PRODUCTION_RATE_LIMIT),
    REDIS_URL: redisUrlSchema.optional(),
    SUBGRAPH_DEDUPLICATION: booleanSchema.default(true),
    APOLLO_TELEMETRY_DISABLED: booleanSchema.default(true),
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
    subgraphCalls: {
      defaultTimeoutMs: config.env.SUBGRAPH_TIMEOUT_MS,
      timeoutMs: subgraphTimeouts(config.env),
      circuit: { failureThreshold: config.env.SUBGRAPH_CIRCUIT_FAILURES, cooldownMs: config.env.SUBGRAPH_CIRCUIT_COOLDOWN_MS },
    },
    sandbox: config.env.SANDBOX ?? !config.production,
    rateLimit: { budget: config.env.RATE_LIMIT, redisUrl: config.env.REDIS_URL },
    subgraphDeduplication: config.env.SUBGRAPH_DEDUPLICATION,
    apolloDataCollection: !config.env.APOLLO_TELEMETRY_DISABLED,
  };
}

/** A schema for each `SUBGRAPH_<NAME>_TIMEOUT_MS` present, so they are validated with the rest. */
function subgraphTimeoutShape(env: Environment): Record<`SUBGRAPH_${string}_TIMEOUT_MS`, typeof timeoutSchema> {
  return Object.fromEntries(
    Object.keys(env)
      .filter((name) => SUBGRAPH_TIMEOUT_VARIABLE.test(name))
      .map((name) => [name, timeoutSchema]),
  );
}

function subgraphTimeouts(values: Readonly<Record<string, unknown>>): Record<string, number> {
  const timeouts: Record<string, number> = {};
  for (const [name, value] of Object.entries(values)) {
    const match = SUBGRAPH_TIMEOUT_VARIABLE.exec(name);
    if (match && typeof value === 'number') timeouts[match[1].toLowerCase()] = value;
  }
  return timeouts;
}
