import { type Environment, listSchema, parseEnvironment } from '@agora/config';
import type { JWK } from 'jose';
import { z } from 'zod';

/** What accounts reads from its environment beyond what every service reads. */
export interface AccountsSettings {
  /**
   * E-mails that get the ADMIN role at sign-up (lowercased). Development defaults to
   * `admin@agora.local`; production has no default, since e-mail addresses are not verified.
   */
  readonly adminEmails: ReadonlySet<string>;
  /** How long a token from signUp or logIn is valid. */
  readonly tokenTtlSeconds: number;
  /**
   * A private Ed25519 key (JWK) to sign with, for operators who manage keys outside the database;
   * without one, accounts generates a key on first start and keeps it in its database.
   */
  readonly signingKey?: JWK;
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
const DEFAULT_TOKEN_TTL_SECONDS = 12 * 60 * 60;

export function loadAccountsSettings(env: Environment): AccountsSettings {
  const production = env.NODE_ENV === 'production';
  const values = parseEnvironment(
    'accounts',
    {
      ADMIN_EMAILS: listSchema.default(production ? [] : [DEVELOPMENT_ADMIN_EMAIL]),
      TOKEN_TTL_SECONDS: z.coerce
        .number()
        .int()
        .min(60)
        .max(30 * 24 * 60 * 60)
        .default(DEFAULT_TOKEN_TTL_SECONDS),
      SIGNING_KEY: signingKeySchema.optional(),
    },
    env,
  );
  return {
    adminEmails: new Set(values.ADMIN_EMAILS.map((email) => email.toLowerCase())),
    tokenTtlSeconds: values.TOKEN_TTL_SECONDS,
    ...(values.SIGNING_KEY ? { signingKey: values.SIGNING_KEY as JWK } : {}),
  };
}
