import { TOKEN_ALGORITHM } from '@agora/auth';
import { type Database, InjectDatabase } from '@agora/database';
import { Inject, Injectable } from '@nestjs/common';
import { desc } from 'drizzle-orm';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JSONWebKeySet, type JWK } from 'jose';
import type * as schema from '../db/schema';
import { type SigningKeyRow, signingKeys } from '../db/schema';

type PrivateKey = Awaited<ReturnType<typeof importJWK>>;

/** The private JWK given in the environment (`SIGNING_KEY`), or null. */
export const CONFIGURED_SIGNING_KEY = Symbol('CONFIGURED_SIGNING_KEY');

/** A private key ready to sign, with the id tokens name it by. */
export interface ActiveSigningKey {
  readonly kid: string;
  readonly key: PrivateKey;
}

/**
 * accounts' Ed25519 signing keys. The first start generates one and stores it in accounts' own
 * database, so every replica and every restart signs with the same key; the public halves of all
 * stored keys are served as the JWKS, which lets a new key be added before the old one retires.
 * A key given in the environment signs instead, and is served first; it is never stored.
 */
@Injectable()
export class SigningKeys {
  private active?: Promise<ActiveSigningKey>;
  private jwks?: Promise<JSONWebKeySet>;

  constructor(
    @InjectDatabase() private readonly db: Database<typeof schema>,
    @Inject(CONFIGURED_SIGNING_KEY) private readonly configured: JWK | null,
  ) {}

  /** The newest key, created on first use if there is none. */
  signingKey(): Promise<ActiveSigningKey> {
    this.active ??= (this.configured ? this.fromEnvironment(this.configured) : this.loadOrCreate()).catch((error: unknown) => {
      this.active = undefined;
      throw error;
    });
    return this.active;
  }

  /** Public keys only: this is what `/.well-known/jwks.json` serves. */
  publicJwks(): Promise<JSONWebKeySet> {
    this.jwks ??= this.signingKey()
      .then(() => this.db.select().from(signingKeys).orderBy(desc(signingKeys.createdAt)))
      .then(async (rows) => ({
        keys: [
          ...(this.configured ? [await this.publicHalf(this.configured)] : []),
          ...rows.map((row) => ({ ...row.publicJwk, kid: row.kid, alg: row.algorithm, use: 'sig' })),
        ],
      }))
      .catch((error: unknown) => {
        this.jwks = undefined;
        throw error;
      });
    return this.jwks;
  }

  private async fromEnvironment(jwk: JWK): Promise<ActiveSigningKey> {
    const { kid } = await this.publicHalf(jwk);
    return { kid, key: await importJWK(jwk, TOKEN_ALGORITHM) };
  }

  /** The public half of a private OKP key, named by its RFC 7638 thumbprint. */
  private async publicHalf(jwk: JWK): Promise<JWK & { kid: string }> {
    const publicJwk = { kty: jwk.kty, crv: jwk.crv, x: jwk.x };
    return { ...publicJwk, kid: await calculateJwkThumbprint(publicJwk), alg: TOKEN_ALGORITHM, use: 'sig' };
  }

  private async loadOrCreate(): Promise<ActiveSigningKey> {
    const existing = await this.newest();
    if (existing) return this.toActive(existing);
    const { publicKey, privateKey } = await generateKeyPair(TOKEN_ALGORITHM, { crv: 'Ed25519', extractable: true });
    const publicJwk = await exportJWK(publicKey);
    const privateJwk = await exportJWK(privateKey);
    const kid = await calculateJwkThumbprint(publicJwk);
    // Replicas starting together may each generate one; all are kept and valid, the newest signs.
    await this.db.insert(signingKeys).values({ kid, algorithm: TOKEN_ALGORITHM, publicJwk, privateJwk }).onConflictDoNothing();
    const newest = await this.newest();
    if (!newest) throw new Error('signing_keys is empty right after inserting a key');
    return this.toActive(newest);
  }

  private async newest(): Promise<SigningKeyRow | undefined> {
    const [row] = await this.db.select().from(signingKeys).orderBy(desc(signingKeys.createdAt)).limit(1);
    return row;
  }

  private async toActive(row: SigningKeyRow): Promise<ActiveSigningKey> {
    const key = await importJWK(row.privateJwk as JWK, row.algorithm);
    return { kid: row.kid, key };
  }
}
