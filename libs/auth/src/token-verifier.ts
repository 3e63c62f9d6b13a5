import { ROLES, type Role } from '@agora/contracts';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  type JSONWebKeySet,
  jwksCache,
  type JWKSCacheInput,
  jwtVerify,
  type JWTVerifyGetKey,
} from 'jose';
import { TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER } from './auth.constants';
import { InvalidTokenError, KeysUnavailableError } from './auth.errors';
import { VerifiedTokens } from './verified-tokens';
import type { Viewer } from './viewer';

/**
 * Where verification keys come from: accounts' JWKS over HTTP, fetched again every
 * `refreshIntervalMs` (so a retired key stops verifying within it), or accounts' own key store.
 */
export type KeySource =
  | { readonly kind: 'remote'; readonly url: string; readonly refreshIntervalMs: number }
  | { readonly kind: 'local'; readonly jwks: () => Promise<JSONWebKeySet> };

/** The least time between two fetches caused by tokens naming an unknown `kid`: forged kids cannot flood accounts. */
const JWKS_COOLDOWN_MS = 5_000;
const JWKS_TIMEOUT_MS = 3_000;

/**
 * Verifies Agora bearer tokens: signature by a key of the JWKS (a remote set is cached for at
 * most `refreshIntervalMs` and fetched again, at most once per cooldown, when a token names an
 * unknown `kid`), algorithm pinned to EdDSA (so `alg: none`
 * and algorithm confusion are refused), issuer, audience and expiry. A token verified before is
 * not checked again while it is unexpired and the key set it was checked against is still the
 * current, fresh one (`VerifiedTokens`).
 */
export class TokenVerifier {
  private readonly getKey: JWTVerifyGetKey;
  private readonly url?: string;
  /** The key set in use now, or undefined when there is none or it is due to be fetched again. */
  private readonly currentKeySet: () => Promise<object | undefined>;
  private readonly verified = new VerifiedTokens();

  constructor(source: KeySource) {
    if (source.kind === 'remote') {
      this.url = source.url;
      // jose writes each key set it fetches here: a new object per fetch.
      const fetched = {} as JWKSCacheInput;
      const remote = createRemoteJWKSet(new URL(source.url), {
        cacheMaxAge: source.refreshIntervalMs,
        cooldownDuration: Math.min(JWKS_COOLDOWN_MS, source.refreshIntervalMs),
        timeoutDuration: JWKS_TIMEOUT_MS,
        [jwksCache]: fetched,
      });
      this.getKey = remote;
      this.currentKeySet = () => Promise.resolve(remote.fresh && 'jwks' in fetched ? fetched.jwks : undefined);
    } else {
      // accounts hands out the same key set object until its keys change: build the lookup once per set.
      let cached: { jwks: JSONWebKeySet; getKey: JWTVerifyGetKey } | undefined;
      this.getKey = async (header, token) => {
        const jwks = await source.jwks();
        if (cached?.jwks !== jwks) cached = { jwks, getKey: createLocalJWKSet(jwks) };
        return cached.getKey(header, token);
      };
      this.currentKeySet = source.jwks;
    }
  }

  async verify(token: string): Promise<Viewer> {
    const keySet = await this.currentKeySet();
    const known = this.verified.viewerOf(token, keySet, Date.now());
    if (known) return known;
    const { viewer, expiresAtMs } = await this.check(token);
    // Remembered only against the set that was current before and after the check, so never
    // against a set fetched meanwhile that may no longer hold the token's key.
    if (keySet !== undefined && (await this.currentKeySet()) === keySet) this.verified.remember(token, { viewer, expiresAtMs, keySet });
    return viewer;
  }

  private async check(token: string): Promise<{ viewer: Viewer; expiresAtMs: number }> {
    try {
      const { payload } = await jwtVerify(token, this.getKey, {
        algorithms: [TOKEN_ALGORITHM],
        issuer: TOKEN_ISSUER,
        audience: TOKEN_AUDIENCE,
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      const role = payload.role;
      if (typeof payload.sub !== 'string' || !ROLES.includes(role as Role)) throw new InvalidTokenError('unexpected claims');
      return { viewer: { id: payload.sub, role: role as Role }, expiresAtMs: (payload.exp ?? 0) * 1000 };
    } catch (error) {
      if (error instanceof InvalidTokenError) throw error;
      if (error instanceof errors.JWKSTimeout || isNetworkError(error)) throw new KeysUnavailableError(this.url ?? 'local', error);
      if (error instanceof errors.JWTExpired) throw new InvalidTokenError('expired');
      if (error instanceof errors.JOSEError)
        throw new InvalidTokenError(error.code.replace(/^ERR_/, '').toLowerCase().replaceAll('_', ' '));
      throw error;
    }
  }
}

function isNetworkError(error: unknown): boolean {
  return error instanceof TypeError && /fetch failed/i.test(error.message);
}

/** The token of an `Authorization: Bearer <token>` header; undefined when there is none. */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new InvalidTokenError('the Authorization header must be "Bearer <token>"');
  return match[1];
}
