import { type Environment, listSchema, parseEnvironment } from '@agora/config';
import { z } from 'zod';

/** What accounts reads from its environment beyond what every service reads. */
export interface AccountsSettings {
  /** E-mails that get the ADMIN role at sign-up (lowercased). */
  readonly adminEmails: ReadonlySet<string>;
  /** How long a token from signUp or logIn is valid. */
  readonly tokenTtlSeconds: number;
}

export const ACCOUNTS_SETTINGS = Symbol('ACCOUNTS_SETTINGS');
const DEFAULT_ADMIN_EMAILS = ['admin@agora.local'];
const DEFAULT_TOKEN_TTL_SECONDS = 12 * 60 * 60;

export function loadAccountsSettings(env: Environment): AccountsSettings {
  const values = parseEnvironment(
    'accounts',
    {
      ADMIN_EMAILS: listSchema.default(DEFAULT_ADMIN_EMAILS),
      TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(30 * 24 * 60 * 60).default(DEFAULT_TOKEN_TTL_SECONDS),
    },
    env,
  );
  return {
    adminEmails: new Set(values.ADMIN_EMAILS.map((email) => email.toLowerCase())),
    tokenTtlSeconds: values.TOKEN_TTL_SECONDS,
  };
}
