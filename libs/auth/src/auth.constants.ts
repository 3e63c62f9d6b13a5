/** Who signs Agora's tokens and for whom: checked on every verification. */
export const TOKEN_ISSUER = 'agora-accounts';
export const TOKEN_AUDIENCE = 'agora';
/** Ed25519 signatures: small keys, fast verification, no parameter choices to get wrong. */
export const TOKEN_ALGORITHM = 'EdDSA';
/** Where accounts publishes its public keys. */
export const JWKS_PATH = '/.well-known/jwks.json';
