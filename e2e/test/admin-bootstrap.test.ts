import { ADMIN_EMAIL, graphql, runTool, Shop, type Shopper, TEST_PASSWORD, TestSystem, waitFor } from '@agora/testing';

const CREATE_PRODUCT = 'mutation ($input: CreateProductInput!) { createProduct(input: $input) { id } }';
const LOG_IN =
  'mutation ($email: String!, $password: String!) { logIn(email: $email, password: $password) { token refreshToken user { role } } }';
const REFRESH = 'mutation ($refreshToken: String!) { refreshSession(refreshToken: $refreshToken) { token refreshToken user { role } } }';
/** The role-change bound of this test: access tokens live this long. */
const TOKEN_TTL_SECONDS = 15;

describe('identity in production mode', () => {
  const system = new TestSystem({
    subgraphs: ['accounts', 'catalog'],
    subgraphEnv: { accounts: { NODE_ENV: 'production', TOKEN_TTL_SECONDS: String(TOKEN_TTL_SECONDS) } },
  });
  const shop = new Shop(() => system.gatewayUrl);
  const accounts = (...args: string[]) => runTool('accounts', args, { DATABASE_URL: system.databaseUrl('accounts') });
  const createProduct = (who: Shopper, name: string) =>
    shop.errorCode(CREATE_PRODUCT, { input: { name, description: 'for tests', priceCents: 100 } }, who);

  beforeAll(() => system.start(), 90_000);
  afterAll(() => system.stop(), 60_000);

  it('gives CUSTOMER to whoever signs up as admin@agora.local when ADMIN_EMAILS is not set', async () => {
    expect((await shop.signUp(ADMIN_EMAIL)).role).toBe('CUSTOMER');
  }, 60_000);

  it('does not seed the demo data, whether asked on first start or explicitly', async () => {
    const env = { NODE_ENV: 'production', GATEWAY_URL: system.gatewayUrl };
    const onFirstStart = await runTool('seed', ['--if-empty'], env);
    expect(onFirstStart).toMatchObject({ code: 0, stdout: expect.stringContaining('not run: NODE_ENV=production') });
    expect((await runTool('seed', [], env)).code).toBe(1);
    expect(await shop.ok('{ products(first: 1) { totalCount } }')).toEqual({ products: { totalCount: 0 } });
  }, 60_000);

  it('makes an ADMIN with accounts promote, and demote takes the powers back within the token lifetime', async () => {
    const ops = await shop.signUp('ops@example.com');
    expect(await createProduct(ops, 'Before promotion')).toBe('FORBIDDEN');

    expect(await accounts('promote', 'ops@example.com')).toMatchObject({ code: 0, stdout: expect.stringContaining('is now ADMIN') });
    const session = await shop.ok(LOG_IN, { email: 'ops@example.com', password: TEST_PASSWORD });
    expect(session.logIn.user.role).toBe('ADMIN');
    const admin: Shopper = { id: ops.id, token: session.logIn.token, role: 'ADMIN' };
    expect(await createProduct(admin, 'By the new admin')).toBeUndefined();

    expect(await accounts('demote', 'ops@example.com')).toMatchObject({ code: 0, stdout: expect.stringContaining('is now CUSTOMER') });
    // The old token keeps its role until it expires, and no longer: then it is refused altogether.
    const refusal = await waitFor(async () => (await createProduct(admin, 'After demotion')) ?? false, {
      timeoutMs: (TOKEN_TTL_SECONDS + 30) * 1000,
      intervalMs: 500,
      description: "the demoted admin's token to lose its powers",
    });
    expect(refusal).toBe('UNAUTHENTICATED');

    const refreshed = await shop.ok(REFRESH, { refreshToken: session.logIn.refreshToken });
    expect(refreshed.refreshSession.user.role).toBe('CUSTOMER');
    expect(await createProduct({ ...admin, token: refreshed.refreshSession.token }, 'With a refreshed token')).toBe('FORBIDDEN');
  }, 120_000);

  it('uses a refresh token once only', async () => {
    await shop.signUp('refresher@example.com');
    const user = await shop.ok(LOG_IN, { email: 'refresher@example.com', password: TEST_PASSWORD });
    await shop.ok(REFRESH, { refreshToken: user.logIn.refreshToken });
    expect(await shop.errorCode(REFRESH, { refreshToken: user.logIn.refreshToken })).toBe('UNAUTHENTICATED');
  }, 60_000);

  it('says what to do when promoting an e-mail without an account, and refuses an unknown command', async () => {
    const unknown = await accounts('promote', 'nobody@example.com');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No account has the e-mail nobody@example.com: sign up with it first');
    expect(await accounts('crown', 'ops@example.com')).toMatchObject({ code: 1, stderr: expect.stringContaining('usage:') });
  }, 60_000);

  it('answers a wrong password and an unknown e-mail with the same error', async () => {
    await shop.signUp('known@example.com');
    const wrong = await graphql(system.gatewayUrl, LOG_IN, { email: 'known@example.com', password: 'not the password' });
    const unknown = await graphql(system.gatewayUrl, LOG_IN, { email: 'nobody@example.com', password: 'not the password' });
    expect(wrong.errors?.[0]).toMatchObject({ message: 'The e-mail or the password is wrong.', extensions: { code: 'UNAUTHENTICATED' } });
    expect(unknown.errors?.[0]?.message).toBe(wrong.errors?.[0]?.message);
    expect(unknown.errors?.[0]?.extensions).toEqual(wrong.errors?.[0]?.extensions);
  }, 60_000);
});
