import { http, Shop, TestSystem } from '@agora/testing';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';

describe('accounts with a signing key from the environment', () => {
  let system: TestSystem;
  let kid: string;

  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    kid = await calculateJwkThumbprint(await exportJWK(publicKey));
    const signingKey = JSON.stringify(await exportJWK(privateKey));
    system = await new TestSystem({ subgraphs: ['accounts'], subgraphEnv: { accounts: { SIGNING_KEY: signingKey } } }).start();
  }, 90_000);

  afterAll(() => system.stop(), 60_000);

  it('signs tokens with it, serves its public half first in the JWKS, and they verify at the gateway', async () => {
    const shop = new Shop(system.gatewayUrl);
    const user = await shop.signUp('keyed@example.com');
    const header = JSON.parse(Buffer.from(user.token.split('.')[0]!, 'base64url').toString()) as { kid: string };
    expect(header.kid).toBe(kid);

    const jwks = (await http(`${system.subgraph('accounts').url}/.well-known/jwks.json`)).json<{ keys: Record<string, string>[] }>();
    expect(jwks.keys[0]).toMatchObject({ kid, kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');

    expect(await shop.ok('{ me { id } }', {}, user)).toEqual({ me: { id: user.id } });
  });
});
