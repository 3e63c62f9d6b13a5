import { TOKEN_ALGORITHM } from '@agora/auth';
import type { Database } from '@agora/database';
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import type * as schema from '../db/schema';
import { type SigningKeyRow, signingKeys } from '../db/schema';

type AccountsDatabase = Database<typeof schema>;
type Transaction = Parameters<Parameters<AccountsDatabase['transaction']>[0]>[0];

/**
 * Serialises every change to the key set (first key, rotation, retirement) across replicas and
 * the `keys` command, so that replicas starting together create one key, not one each.
 */
const KEY_SET_LOCK = 0x6b657973; // "keys"

/**
 * How long a replica keeps the signing key and the key set it read from the database: after a
 * rotation or retirement, every replica signs with the new key and serves the new set within this.
 */
export const KEY_CACHE_MS = 5_000;

/**
 * How long a new key is served before it signs: every replica's cached key set holds it after
 * KEY_CACHE_MS, and the rest covers a verifier that fetched the key set during its 5 s cooldown
 * before meeting the first token of the new key.
 */
export const KEY_PUBLICATION_DELAY_MS = 2 * KEY_CACHE_MS;

/** Why a key cannot be retired; the message says what to do instead. */
export class KeyRetirementError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyRetirementError';
  }
}

/**
 * The key that signs: the newest key not retired that has been served long enough
 * (KEY_PUBLICATION_DELAY_MS), so that a verifier meeting its kid and fetching the JWKS from any
 * replica finds it there. While no key has been served that long (the first minutes of a new
 * system), the oldest key not retired: the one in use keeps signing until a newer one is served.
 */
export async function currentKey(db: AccountsDatabase | Transaction): Promise<SigningKeyRow | undefined> {
  const published = sql`${signingKeys.createdAt} <= clock_timestamp() - make_interval(secs => ${KEY_PUBLICATION_DELAY_MS / 1000})`;
  const [row] = await db
    .select()
    .from(signingKeys)
    .where(isNull(signingKeys.retiredAt))
    .orderBy(
      desc(published),
      sql`CASE WHEN ${published} THEN ${signingKeys.createdAt} END DESC NULLS LAST`,
      asc(signingKeys.createdAt),
      asc(signingKeys.kid),
    )
    .limit(1);
  return row;
}

/** Keys that still verify, newest first: what the JWKS serves. */
export function activeKeys(db: AccountsDatabase): Promise<SigningKeyRow[]> {
  return db.select().from(signingKeys).where(isNull(signingKeys.retiredAt)).orderBy(desc(signingKeys.createdAt), desc(signingKeys.kid));
}

/** Every key, retired ones included, oldest first. */
export function allKeys(db: AccountsDatabase): Promise<SigningKeyRow[]> {
  return db.select().from(signingKeys).orderBy(asc(signingKeys.createdAt), asc(signingKeys.kid));
}

function underKeySetLock<T>(db: AccountsDatabase, work: (tx: Transaction) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${KEY_SET_LOCK})`);
    return work(tx);
  });
}

async function insertNewKey(tx: Transaction): Promise<SigningKeyRow> {
  const { publicKey, privateKey } = await generateKeyPair(TOKEN_ALGORITHM, { crv: 'Ed25519', extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const privateJwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  // clock_timestamp(), not now(): a key created later in the same second must sort as newer.
  const [row] = await tx
    .insert(signingKeys)
    .values({ kid, algorithm: TOKEN_ALGORITHM, publicJwk, privateJwk, createdAt: sql`clock_timestamp()` })
    .returning();
  return row;
}

/** The current key, created once (under the key-set lock) when there is none. */
export async function ensureCurrentKey(db: AccountsDatabase): Promise<SigningKeyRow> {
  return (await currentKey(db)) ?? underKeySetLock(db, async (tx) => (await currentKey(tx)) ?? insertNewKey(tx));
}

/** Adds a key that signs once every replica has served it a while (KEY_PUBLICATION_DELAY_MS); older keys keep verifying until retired. */
export function rotateKey(db: AccountsDatabase): Promise<SigningKeyRow> {
  return underKeySetLock(db, insertNewKey);
}

/** Stops serving the key in the JWKS, so that tokens it signed are refused. Keeps one key to sign with. */
export function retireKey(db: AccountsDatabase, kid: string): Promise<SigningKeyRow> {
  return underKeySetLock(db, async (tx) => {
    const [key] = await tx.select().from(signingKeys).where(eq(signingKeys.kid, kid));
    if (!key) throw new KeyRetirementError(`No stored key has the kid ${kid}; \`npm run keys -- list\` shows them.`);
    if (key.retiredAt) return key;
    const current = await currentKey(tx);
    if (current?.kid === kid) {
      const [other] = await tx
        .select({ kid: signingKeys.kid })
        .from(signingKeys)
        .where(and(isNull(signingKeys.retiredAt), sql`${signingKeys.kid} <> ${kid}`))
        .limit(1);
      if (!other) throw new KeyRetirementError(`${kid} is the only key that signs: run \`npm run keys -- rotate\` first, then retire it.`);
    }
    const [retired] = await tx
      .update(signingKeys)
      .set({ retiredAt: sql`clock_timestamp()` })
      .where(eq(signingKeys.kid, kid))
      .returning();
    return retired;
  });
}
