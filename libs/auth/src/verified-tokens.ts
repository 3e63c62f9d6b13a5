import type { Viewer } from './viewer';

/** What a verification proved, and until when and under which key set it may be reused. */
export interface VerifiedToken {
  readonly viewer: Viewer;
  /** The token's `exp`, in milliseconds: from then on the token is expired. */
  readonly expiresAtMs: number;
  /** The key set the signature was checked against: the entry holds only while it is still the current one. */
  readonly keySet: object;
}

/** Tokens remembered at most, per process: about 3 MB of tokens of accounts' size. */
export const VERIFIED_TOKENS_CAPACITY = 10_000;

/**
 * Tokens this process has verified, so that the same token on a client's next request skips the
 * signature check (an EdDSA verification: 8% of the gateway's CPU under authenticated load, paid
 * again by every subgraph). An entry is the whole token, signature included, so only the very
 * token that was verified finds it; it is reused only before the token's expiry and while the key
 * set it was verified against is still the current, fresh one, so a retired key stops verifying
 * exactly when it did without this memory. Only successes are remembered, and at most `capacity`
 * of them: the oldest goes first.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, VerifiedToken>();

  constructor(private readonly capacity: number = VERIFIED_TOKENS_CAPACITY) {}

  /** The viewer `token` proved, if it was verified under `keySet` (the current one) and has not expired by `nowMs`. */
  viewerOf(token: string, keySet: object | undefined, nowMs: number): Viewer | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (keySet === undefined || entry.keySet !== keySet || nowMs >= entry.expiresAtMs) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.viewer;
  }

  remember(token: string, verified: VerifiedToken): void {
    this.entries.delete(token);
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(token, verified);
  }

  get size(): number {
    return this.entries.size;
  }
}
