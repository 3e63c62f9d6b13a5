import { z } from 'zod';
import { ConfigError } from './config.error';
import { type EdgeConfig, edgeConfig, edgeEnvironmentShape, missingSecretProblem } from './edge-config';
import {
  booleanSchema,
  DEFAULT_BROKER_NAMESPACE,
  DEFAULT_DATABASE_SERVER_URL,
  DEFAULT_RABBITMQ_URL,
  type Environment,
  listSchema,
  parseEnvironment,
  portSchema,
} from './env';

/** What every Agora service reads from its environment. */
export interface ServiceConfig {
  /** The service's name, as in the README's services table (`catalog`, `orders`, …). */
  readonly service: string;
  readonly host: string;
  readonly port: number;
  readonly production: boolean;
  /**
   * Which proxies' `X-Forwarded-For` to believe when taking a request's client address (Express's
   * `trust proxy`: addresses, CIDRs or `loopback`, `linklocal`, `uniquelocal`); false: none.
   */
  readonly trustProxy: readonly string[] | false;
  readonly logLevel: LogLevelName;
  readonly database: {
    readonly url: string;
    readonly name: string;
    /** Connections in the service's pool, shared by requests, event handlers and the outbox relay. */
    readonly poolSize: number;
    /**
     * Whether statements with parameters are prepared once per connection (off for a connection
     * pooler that cannot keep prepared statements, such as PgBouncer before 1.21).
     */
    readonly preparedStatements: boolean;
  };
  readonly broker: {
    readonly url: string;
    readonly namespace: string;
    /** Event handlers run at once (the consumer's prefetch), each holding one pooled connection. */
    readonly handlerConcurrency: number;
    /** How long applied event ids are remembered; `dlq replay` refuses older messages. */
    readonly inboxRetentionMs: number;
  };
  /** Where accounts publishes the public keys that verify bearer tokens. */
  /**
   * Where accounts publishes the public keys that verify bearer tokens, and how often the key set
   * is fetched again (besides on a token naming an unknown key), so a retired key is refused soon.
   */
  readonly auth: { readonly jwksUrl: string; readonly jwksRefreshMs: number };
  /** Request limits, introspection and the gateway's credential. */
  readonly edge: EdgeConfig;
}

/**
 * The gateway on the same host as the subgraphs it calls (npm start, tests). Anything that can
 * reach a service from a trusted address can claim any client address, so list only proxies.
 */
export const DEFAULT_TRUST_PROXY = ['loopback'] as const;

export const DEFAULT_JWKS_URL = 'http://localhost:4001/.well-known/jwks.json';
export const DEFAULT_DATABASE_POOL_SIZE = 10;
/** Half the default pool: the rest serves requests and the outbox relay. */
export const DEFAULT_EVENT_HANDLER_CONCURRENCY = 5;
export const DEFAULT_INBOX_RETENTION_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1_000;
/** A retired signing key is refused everywhere within about a minute. */
export const DEFAULT_JWKS_REFRESH_SECONDS = 60;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

export function defaultDatabaseName(service: string): string {
  return `agora_${service}`;
}

/**
 * `DATABASE_URL` may name a whole server (`postgres://host:5432`) or one database
 * (`postgres://host:5432/shop`). A server URL gets the service's own database, `agora_<service>`.
 */
export function resolveDatabaseUrl(url: string, service: string): { url: string; name: string } {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (name) return { url: parsed.toString(), name };
  parsed.pathname = `/${defaultDatabaseName(service)}`;
  return { url: parsed.toString(), name: defaultDatabaseName(service) };
}

const postgresUrl = z
  .string()
  .url()
  .refine((value) => /^postgres(ql)?:$/.test(new URL(value).protocol), 'must be a postgres:// URL');
const amqpUrl = z
  .string()
  .url()
  .refine((value) => /^amqps?:$/.test(new URL(value).protocol), 'must be an amqp:// or amqps:// URL');

/**
 * Reads the configuration every service shares. `extra` adds the service's own variables,
 * validated in the same pass.
 */
export function loadServiceConfig<Extra extends z.ZodRawShape = Record<never, never>>(
  service: string,
  defaultPort: number,
  env: Environment,
  extra?: Extra,
): ServiceConfig & { readonly env: z.infer<z.ZodObject<Extra>> } {
  const common = {
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: portSchema.default(defaultPort),
    NODE_ENV: z.string().default('development'),
    LOG_LEVEL: z.enum(LOG_LEVELS).default('log'),
    DATABASE_URL: postgresUrl.default(DEFAULT_DATABASE_SERVER_URL),
    RABBITMQ_URL: amqpUrl.default(DEFAULT_RABBITMQ_URL),
    BROKER_NAMESPACE: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]*$/i, 'letters, digits, dot, dash or underscore')
      .default(DEFAULT_BROKER_NAMESPACE),
    JWKS_URL: z.string().url().default(DEFAULT_JWKS_URL),
    ...edgeEnvironmentShape,
    DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(1_000).default(DEFAULT_DATABASE_POOL_SIZE),
    DATABASE_PREPARED_STATEMENTS: booleanSchema.default(true),
    EVENT_HANDLER_CONCURRENCY: z.coerce.number().int().min(1).max(1_000).default(DEFAULT_EVENT_HANDLER_CONCURRENCY),
    INBOX_RETENTION_DAYS: z.coerce.number().positive().default(DEFAULT_INBOX_RETENTION_DAYS),
    TRUST_PROXY: listSchema.default([...DEFAULT_TRUST_PROXY]),
    JWKS_REFRESH_SECONDS: z.coerce.number().int().min(1).max(DEFAULT_JWKS_REFRESH_SECONDS).default(DEFAULT_JWKS_REFRESH_SECONDS),
  };
  const parsed = parseEnvironment(service, { ...common, ...(extra ?? {}) }, env) as Record<string, unknown>;
  const values = parsed as z.infer<z.ZodObject<typeof common>>;
  const production = values.NODE_ENV === 'production';
  const problem = missingSecretProblem(values, production);
  if (problem) throw new ConfigError(service, [problem]);
  return {
    service,
    host: values.HOST,
    port: values.PORT,
    production,
    trustProxy: values.TRUST_PROXY.length > 0 && !values.TRUST_PROXY.includes('false') ? values.TRUST_PROXY : false,
    logLevel: values.LOG_LEVEL,
    database: {
      ...resolveDatabaseUrl(values.DATABASE_URL, service),
      poolSize: values.DATABASE_POOL_SIZE,
      preparedStatements: values.DATABASE_PREPARED_STATEMENTS,
    },
    broker: {
      url: values.RABBITMQ_URL,
      namespace: values.BROKER_NAMESPACE,
      handlerConcurrency: values.EVENT_HANDLER_CONCURRENCY,
      inboxRetentionMs: values.INBOX_RETENTION_DAYS * DAY_MS,
    },
    auth: { jwksUrl: values.JWKS_URL, jwksRefreshMs: values.JWKS_REFRESH_SECONDS * 1000 },
    edge: edgeConfig(values, production),
    env: parsed as z.infer<z.ZodObject<Extra>>,
  };
}

/** A URL with its password replaced, safe to print in logs and errors. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<unparseable URL>';
  }
}
