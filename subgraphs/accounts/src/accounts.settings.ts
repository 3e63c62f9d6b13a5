import { type Environment, listSchema, loadServiceConfig } from '@agora/config';
import { type RateLimitBudget, rateLimitVariable, redisUrlSchema } from '@agora/rate-limit';
import type { JWK } from 'jose';
import { z } from 'zod';

export const ACCOUNTS_DEFAULT_PORT = 4001;

/** What accounts reads from its environment beyond what every service reads. */
export interface AccountsSettings {
  /**
   * E-mails that get the ADMIN role at sign-up (lowercased). Development defaults to
   * `admin@agora.local`; production has no default, since e-mail addresses are not verified.
   */
  readonly adminEmails: ReadonlySet<string>;
  /** How long an access token from signUp, logIn or refreshSession is valid: the bound on a role change. */
  readonly tokenTtlSeconds: number;
  /** How long a refresh token is valid (each is used once). */
  readonly refreshTokenTtlSeconds: number;
  /**
   * A private Ed25519 key (JWK) to sign with, for operators who manage keys outside the database;
   * without one, accounts generates a key on first start and keeps it in its database.
   */
  readonly signingKey?: JWK;
  /** Budgets of logIn per e-mail and signUp per client address (none: unlimited), counted in Redis when a URL is given. */
  readonly rateLimits: {
    readonly login: RateLimitBudget | undefined;
    readonly signUp: RateLimitBudget | undefined;
    readonly redisUrl: string | undefined;
    /** Prefix of the counters' keys: the broker namespace, so systems sharing a Redis never share budgets. */
    readonly prefix: string;
  };
}

/** `SIGNING_KEY`: an Ed25519 private key as a JWK, e.g. from `jose`'s exportJWK. */
const signingKeySchema = z
  .string()
  .transform((value, context) => {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      context.addIssue({ code: 'custom', message: 'must be a JSON Web Key' });
      return z.NEVER;
    }
  })
  .pipe(z.looseObject({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string().min(1), d: z.string().min(1) }));

export const ACCOUNTS_SETTINGS = Symbol('ACCOUNTS_SETTINGS');
/** The demo admin of development; never a default in production, where anyone could sign up with it. */
export const DEVELOPMENT_ADMIN_EMAIL = 'admin@agora.local';
/**
 * Access tokens are short-lived because they carry the role: a demoted ADMIN's token keeps its
 * powers until it expires. A refresh token (long-lived, single use, kept in accounts' database)
 * gets a new access token with the user's current role.
 */
const DEFAULT_TOKEN_TTL_SECONDS = 15 * 60;
const MIN_TOKEN_TTL_SECONDS = 5;
const DEFAULT_REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 60 * 60;
/** Production budgets; development and tests have none unless set. */
const PRODUCTION_LOGIN_RATE_LIMIT = '10/300';
const PRODUCTION_SIGNUP_RATE_LIMIT = '20/3600';

const seconds = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

export function loadAccountsSettings(env: Environment): AccountsSettings {
  const production = env.NODE_ENV === 'production';
  const config = loadServiceConfig('accounts', ACCOUNTS_DEFAULT_PORT, env, {
    ADMIN_EMAILS: listSchema.default(production ? [] : [DEVELOPMENT_ADMIN_EMAIL]),
    LOGIN_RATE_LIMIT: rateLimitVariable(production, PRODUCTION_LOGIN_RATE_LIMIT),
    SIGNUP_RATE_LIMIT: rateLimitVariable(production, PRODUCTION_SIGNUP_RATE_LIMIT),
    TOKEN_TTL_SECONDS: seconds(MIN_TOKEN_TTL_SECONDS, 24 * 60 * 60, DEFAULT_TOKEN_TTL_SECONDS),
    REFRESH_TOKEN_TTL_SECONDS: seconds(60, 365 * 24 * 60 * 60, DEFAULT_REFRESH_TOKEN_TTL_SECONDS),
    SIGNING_KEY: signingKeySchema.optional(),
    REDIS_URL: redisUrlSchema.optional(),
  });
  const { ADMIN_EMAILS, LOGIN_RATE_LIMIT, SIGNUP_RATE_LIMIT, TOKEN_TTL_SECONDS, REFRESH_TOKEN_TTL_SECONDS, SIGNING_KEY, REDIS_URL } =
    config.env;
  return {
    adminEmails: new Set(ADMIN_EMAILS.map((email) => email.toLowerCase())),
    tokenTtlSeconds: TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: REFRESH_TOKEN_TTL_SECONDS,
    ...(SIGNING_KEY ? { signingKey: SIGNING_KEY as JWK } : {}),
    rateLimits: {
      login: LOGIN_RATE_LIMIT,
      signUp: SIGNUP_RATE_LIMIT,
      redisUrl: REDIS_URL,
      prefix: config.broker.namespace,
    },
  };
}
