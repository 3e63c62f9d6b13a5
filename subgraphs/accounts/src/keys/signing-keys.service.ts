import { TOKEN_ALGORITHM } from '@agora/auth';
import { type Database, InjectDatabase } from '@agora/database';
import { Inject, Injectable } from '@nestjs/common';
import { calculateJwkThumbprint, importJWK, type JSONWebKeySet, type JWK } from 'jose';
import type * as schema from '../db/schema';
import type { SigningKeyRow } from '../db/schema';
import { activeKeys, ensureCurrentKey, KEY_CACHE_MS } from './key-store';

type PrivateKey = Awaited<ReturnType<typeof importJWK>>;

/** The private JWK given in the environment (`SIGNING_KEY`), or null. */
export const CONFIGURED_SIGNING_KEY = Symbol('CONFIGURED_SIGNING_KEY');

/** A private key ready to sign, with the id tokens name it by. */
export interface ActiveSigningKey {
  readonly kid: string;
  readonly key: PrivateKey;
}

/** A value fetched at most once per `ttlMs`; a failed fetch is not kept. */
class Cached<T> {
  private entry?: { readonly until: number; readonly value: Promise<T> };

  constructor(
    private readonly ttlMs: number,
    private readonly fetch: () => Promise<T>,
  ) {}

  get(): Promise<T> {
    if (this.entry && Date.now() < this.entry.until) return this.entry.value;
    const value = this.fetch();
    const entry = { until: Date.now() + this.ttlMs, value };
    this.entry = entry;
    value.catch(() => {
      if (this.entry === entry) this.entry = undefined;
    });
    return value;
  }
}

/**
 * accounts' Ed25519 signing keys, one set in accounts' database shared by every replica (see
 * key-store.ts). The newest key that is not retired signs; every key not retired is served as the
 * JWKS. A key given in the environment signs instead, and is served first; it is never stored.
 */
@Injectable()
export class SigningKeys {
  private readonly signer: Cached<ActiveSigningKey>;
  private readonly jwks: Cached<JSONWebKeySet>;
  /** The environment key's public half, computed once: it never changes. */
  private readonly environmentPublic?: Promise<JWK & { kid: string }>;

  constructor(
    @InjectDatabase() private readonly db: Database<typeof schema>,
    @Inject(CONFIGURED_SIGNING_KEY) configured: JWK | null,
  ) {
    this.environmentPublic = configured ? this.publicHalf(configured) : undefined;
    this.environmentPublic?.catch(() => undefined);
    const environmentKey = configured && this.environmentPublic ? this.fromEnvironment(configured, this.environmentPublic) : undefined;
    environmentKey?.catch(() => undefined);
    this.signer = new Cached(KEY_CACHE_MS, async () => environmentKey ?? this.toActive(await ensureCurrentKey(this.db)));
    this.jwks = new Cached(KEY_CACHE_MS, () => this.loadJwks());
  }

  /** The key to sign with now. */
  signingKey(): Promise<ActiveSigningKey> {
    return this.signer.get();
  }

  /** Public keys only: this is what `/.well-known/jwks.json` serves. */
  publicJwks(): Promise<JSONWebKeySet> {
    return this.jwks.get();
  }

  private async loadJwks(): Promise<JSONWebKeySet> {
    // The first replica to serve keys creates the set; the signer's cache already does that.
    if (!this.environmentPublic) await this.signer.get();
    const rows = await activeKeys(this.db);
    return {
      keys: [
        ...(this.environmentPublic ? [await this.environmentPublic] : []),
        ...rows.map((row) => ({ ...row.publicJwk, kid: row.kid, alg: row.algorithm, use: 'sig' })),
      ],
    };
  }

  private async fromEnvironment(jwk: JWK, publicHalf: Promise<{ kid: string }>): Promise<ActiveSigningKey> {
    const { kid } = await publicHalf;
    return { kid, key: await importJWK(jwk, TOKEN_ALGORITHM) };
  }

  /** The public half of a private OKP key, named by its RFC 7638 thumbprint. */
  private async publicHalf(jwk: JWK): Promise<JWK & { kid: string }> {
    const publicJwk = { kty: jwk.kty, crv: jwk.crv, x: jwk.x };
    return { ...publicJwk, kid: await calculateJwkThumbprint(publicJwk), alg: TOKEN_ALGORITHM, use: 'sig' };
  }

  private async toActive(row: SigningKeyRow): Promise<ActiveSigningKey> {
    return { kid: row.kid, key: await importJWK(row.privateJwk as JWK, row.algorithm) };
  }
}
