import { randomBytes, scrypt, type ScryptOptions, timingSafeEqual } from 'node:crypto';

/**
 * scrypt, memory-hard: N=2^15, r=8 (32 MiB per hash), as OWASP's password storage cheat sheet
 * recommends for scrypt. The parameters are stored with each hash so they can be raised later.
 */
export const SCRYPT_PARAMETERS = { N: 2 ** 15, r: 8, p: 1 } as const;
export const KEY_LENGTH = 32;
export const SALT_LENGTH = 16;
const MAX_MEMORY = 64 * 1024 * 1024;
const SCHEME = 'scrypt';

/** The key derivation, as an object so that a unit test can observe that it runs. */
export const keyDerivation = {
  derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
    return new Promise((resolve, reject) =>
      scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...options, maxmem: MAX_MEMORY }, (error, key) =>
        error ? reject(error) : resolve(key),
      ),
    );
  },
};

/** A stored hash taken apart; throws on anything that is not one `hashPassword` wrote. */
export function parsePasswordHash(stored: string): { options: ScryptOptions; salt: Buffer; hash: Buffer } {
  const [scheme, N, r, p, salt, hash, ...rest] = stored.split('$');
  const options = { N: Number(N), r: Number(r), p: Number(p) };
  if (scheme !== SCHEME || rest.length > 0 || !salt || !hash || !Object.values(options).every((n) => Number.isInteger(n) && n > 0)) {
    throw new Error('malformed password hash');
  }
  return { options, salt: Buffer.from(salt, 'base64url'), hash: Buffer.from(hash, 'base64url') };
}

function formatPasswordHash(salt: Buffer, hash: Buffer): string {
  const { N, r, p } = SCRYPT_PARAMETERS;
  return [SCHEME, N, r, p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** `scrypt$N$r$p$salt$hash`, base64url parts. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  return formatPasswordHash(salt, await keyDerivation.derive(password, salt, SCRYPT_PARAMETERS));
}

/** Always runs the full derivation with the stored parameters, then compares in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const { options, salt, hash } = parsePasswordHash(stored);
  const actual = await keyDerivation.derive(password, salt, options);
  return actual.length === hash.length && timingSafeEqual(actual, hash);
}

/**
 * Verified against when an e-mail is unknown, so that a log-in costs the same derivation whether
 * or not the account exists: a well-formed hash with today's parameters, which no password matches
 * (the odds of a derived key of all zeros are 2^-256).
 */
export const UNKNOWN_USER_HASH = formatPasswordHash(Buffer.alloc(SALT_LENGTH), Buffer.alloc(KEY_LENGTH));
