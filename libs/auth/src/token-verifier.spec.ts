import { waitFor } from '@agora/polling';
import { exportJWK, generateKeyPair, type JSONWebKeySet, SignJWT } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER } from './auth.constants';
import { InvalidTokenError } from './auth.errors';
import { TokenVerifier } from './token-verifier';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

/** An Ed25519 key pair as accounts makes one: the private key to sign, the public one as a JWK. */
async function signingKey(kid: string): Promise<{ kid: string; privateKey: PrivateKey; jwk: JSONWebKeySet['keys'][number] }> {
  const { privateKey, publicKey } = await generateKeyPair(TOKEN_ALGORITHM, { extractable: true });
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: TOKEN_ALGORITHM, use: 'sig' } };
}

function tokenOf(key: { kid: string; privateKey: PrivateKey }, subject = 'user-1'): Promise<string> {
  return new SignJWT({ role: 'CUSTOMER' })
    .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid: key.kid })
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(key.privateKey);
}

describe('TokenVerifier', () => {
  it('accepts a token it verified before, as often as it is shown', async () => {
    const key = await signingKey('k1');
    const jwks = { keys: [key.jwk] };
    const verifier = new TokenVerifier({ kind: 'local', jwks: async () => jwks });
    const token = await tokenOf(key);
    await expect(verifier.verify(token)).resolves.toEqual({ id: 'user-1', role: 'CUSTOMER' });
    await expect(verifier.verify(token)).resolves.toEqual({ id: 'user-1', role: 'CUSTOMER' });
  });

  it('refuses a token whose signature was altered, even after the genuine one was verified', async () => {
    const key = await signingKey('k1');
    const verifier = new TokenVerifier({ kind: 'local', jwks: async () => ({ keys: [key.jwk] }) });
    const token = await tokenOf(key);
    await verifier.verify(token);
    const last = token.at(-2) === 'A' ? 'B' : 'A';
    const altered = `${token.slice(0, -2)}${last}${token.at(-1)}`;
    await expect(verifier.verify(altered)).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('refuses a token it verified before once its key left the key set', async () => {
    const retiring = await signingKey('old');
    const next = await signingKey('new');
    let jwks: JSONWebKeySet = { keys: [retiring.jwk, next.jwk] };
    const verifier = new TokenVerifier({ kind: 'local', jwks: async () => jwks });
    const token = await tokenOf(retiring);
    await verifier.verify(token);
    jwks = { keys: [next.jwk] };
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(verifier.verify(await tokenOf(next))).resolves.toEqual({ id: 'user-1', role: 'CUSTOMER' });
  });

  describe('with keys fetched from a JWKS address', () => {
    let server: Server;
    let served: JSONWebKeySet;
    let url: string;

    beforeAll(async () => {
      server = createServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(served));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
    });

    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
    });

    it('refuses a token it verified before once a fetch of the key set no longer holds its key', async () => {
      const retiring = await signingKey('old');
      const next = await signingKey('new');
      served = { keys: [retiring.jwk, next.jwk] };
      const verifier = new TokenVerifier({ kind: 'remote', url, refreshIntervalMs: 50 });
      const token = await tokenOf(retiring);
      await expect(verifier.verify(token)).resolves.toEqual({ id: 'user-1', role: 'CUSTOMER' });
      await expect(verifier.verify(token)).resolves.toEqual({ id: 'user-1', role: 'CUSTOMER' });
      served = { keys: [next.jwk] };
      // Verified from memory until the key set is due again (50 ms), then checked against the new set.
      await waitFor(
        () =>
          verifier.verify(token).then(
            () => false,
            (error: unknown) => error instanceof InvalidTokenError,
          ),
        { timeoutMs: 5_000, intervalMs: 20, description: 'the retired key to stop verifying' },
      );
    });
  });
});
