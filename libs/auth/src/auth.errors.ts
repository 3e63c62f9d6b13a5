/** A bearer token that is malformed, forged, expired or otherwise not acceptable. */
export class InvalidTokenError extends Error {
  constructor(readonly reason: string) {
    super(`The bearer token was refused (${reason}). Sign in again to get a new token.`);
    this.name = 'InvalidTokenError';
  }
}

/** The keys to verify a token with could not be fetched: the issuer is unreachable. */
export class KeysUnavailableError extends Error {
  constructor(
    readonly url: string,
    override readonly cause: unknown,
  ) {
    super(`Cannot verify the bearer token right now: the signing keys at ${url} are unreachable. Retry shortly.`);
    this.name = 'KeysUnavailableError';
  }
}
