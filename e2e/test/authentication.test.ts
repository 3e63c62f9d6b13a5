import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '@agora/auth';
import { bearer, graphql, http, TestSystem } from '@agora/testing';
import { drizzle } from 'drizzle-orm/node-postgres';
import { generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import { Pool } from 'pg';
import { signingKeys } from '../../subgraphs/accounts/src/db/schema';

const SIGN_UP = 'mutation ($input: SignUpInput!) { signUp(input: $input) { token user { id email role } } }';

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('authentication through the gateway and at each subgraph', () => {
  const system = new TestSystem({ subgraphs: ['accounts', 'catalog'] });
  let customer: { token: string; id: string };
  let forged: string;
  let expired: string;
  let unsigned: string;

  beforeAll(async () => {
    await system.start();
    const signUp = await graphql(system.gatewayUrl, SIGN_UP, {
      input: { email: 'Grace@Example.com', password: 'long password', name: 'Grace' },
    });
    // A failed sign-up fails every test below; say why once, here, rather than as a TypeError.
    if (!signUp.data?.signUp) throw new Error(`signUp answered no session: ${JSON.stringify(signUp.errors)}`);
    customer = { token: signUp.data.signUp.token, id: signUp.data.signUp.user.id };

    const claims = { role: 'ADMIN' };
    const kid = JSON.parse(Buffer.from(customer.token.split('.')[0]!, 'base64url').toString()).kid as string;
    // Forged: the real key id and claims, signed by a key that is not accounts'.
    const attacker = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'EdDSA', kid })
      .setSubject(customer.id)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(attacker.privateKey);
    // Expired: accounts' own key (read from its database), but valid until an hour ago.
    const pool = new Pool({ connectionString: system.databaseUrl('accounts') });
    const [key] = await drizzle(pool).select().from(signingKeys);
    await pool.end();
    expired = await new SignJWT({ role: 'CUSTOMER' })
      .setProtectedHeader({ alg: 'EdDSA', kid: key!.kid })
      .setSubject(customer.id)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(await importJWK(key!.privateJwk as JWK, 'EdDSA'));
    unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: customer.id, role: 'ADMIN', iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, exp: Math.floor(Date.now() / 1000) + 3600, iat: Math.floor(Date.now() / 1000) })}.`;
  }, 90_000);

  afterAll(() => system.stop(), 60_000);

  it('signs a customer up with a token that the gateway and subgraphs accept', async () => {
    const me = await graphql(system.gatewayUrl, '{ me { id email role } }', {}, bearer(customer.token));
    expect(me).toEqual({ data: { me: { id: customer.id, email: 'grace@example.com', role: 'CUSTOMER' } } });
  });

  it('gives the ADMIN role to an e-mail of ADMIN_EMAILS', async () => {
    const admin = await graphql(system.gatewayUrl, SIGN_UP, {
      input: { email: 'admin@agora.local', password: 'long password', name: 'Admin' },
    });
    expect(admin.data?.signUp.user.role).toBe('ADMIN');
  });

  it('answers me with null for an anonymous request', async () => {
    expect(await graphql(system.gatewayUrl, '{ me { id } }')).toEqual({ data: { me: null } });
  });

  it('logs in with the right password and refuses a wrong one with UNAUTHENTICATED', async () => {
    const ok = await graphql(
      system.gatewayUrl,
      'mutation { logIn(email: "grace@example.com", password: "long password") { user { id } } }',
    );
    expect(ok.data?.logIn.user.id).toBe(customer.id);
    const wrong = await graphql(system.gatewayUrl, 'mutation { logIn(email: "grace@example.com", password: "nope nope") { token } }');
    expect(wrong.errors?.[0]).toMatchObject({ message: 'The e-mail or the password is wrong.', extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses a second account with the same e-mail, whatever its case', async () => {
    const again = await graphql(system.gatewayUrl, SIGN_UP, {
      input: { email: 'GRACE@example.com', password: 'long password', name: 'G' },
    });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
  });

  it("hides another user's e-mail with FORBIDDEN", async () => {
    const other = await graphql(system.gatewayUrl, SIGN_UP, {
      input: { email: 'alan@example.com', password: 'long password', name: 'Alan' },
    });
    const response = await graphql(
      system.gatewayUrl,
      `{ user(id: "${other.data!.signUp.user.id}") { email } }`,
      {},
      bearer(customer.token),
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const name = await graphql(system.gatewayUrl, `{ user(id: "${other.data!.signUp.user.id}") { name } }`, {}, bearer(customer.token));
    expect(name).toEqual({ data: { user: { name: 'Alan' } } });
  });

  describe.each([
    ['forged', () => forged],
    ['expired', () => expired],
    ['alg: none', () => unsigned],
    ['malformed', () => 'not-a-jwt'],
  ])('a %s token', (_kind, token) => {
    it('is refused at the gateway with UNAUTHENTICATED', async () => {
      const response = await http(system.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(token()) },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(response.status).toBe(401);
      const body = response.json<{ errors: { extensions: { code: string } }[] }>();
      expect(body.errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
    });

    it.each(['accounts', 'catalog'])('is refused by the %s subgraph called directly', async (subgraph) => {
      const response = await system.callSubgraph(subgraph, '{ __typename }', {}, bearer(token()));
      expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });
});
