import { bearer, graphql, runTool, type ServiceProcess, TEST_PASSWORD, TestSystem, waitFor } from '@agora/testing';

const SIGN_UP = 'mutation ($input: SignUpInput!) { signUp(input: $input) { token user { id } } }';
const LOG_IN = 'mutation ($email: String!, $password: String!) { logIn(email: $email, password: $password) { token } }';
/** Verifiers of this test fetch the key set again this often (JWKS_REFRESH_SECONDS). */
const JWKS_REFRESH_SECONDS = 2;
/** A generous deadline for a change to reach every verifier: the refresh interval plus accounts' key cache, on a busy machine. */
const CONVERGENCE_MS = 45_000;

function kidOf(token: string): string {
  return (JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { kid: string }).kid;
}

describe('signing keys shared by two accounts replicas, rotated and retired while running', () => {
  const refresh = { JWKS_REFRESH_SECONDS: String(JWKS_REFRESH_SECONDS) };
  const system = new TestSystem({ subgraphs: ['accounts', 'catalog'], subgraphEnv: { catalog: refresh }, gatewayEnv: refresh });
  const keys = (...args: string[]) => runTool('keys', args, { DATABASE_URL: system.databaseUrl('accounts') });
  let replicas: ServiceProcess[];
  let oldToken: string;
  let oldKid: string;
  let newToken: string;

  /** The HTTP status with which a service answers a request carrying this token. */
  const statusAt = async (url: string, token: string): Promise<number> =>
    (
      await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...system.gatewayCredential, ...bearer(token) },
        body: JSON.stringify({ query: '{ __typename }' }),
      })
    ).status;
  const logIn = async (replica: ServiceProcess): Promise<string> =>
    (await graphql(replica.graphqlUrl, LOG_IN, { email: 'keyholder@example.com', password: TEST_PASSWORD }, system.gatewayCredential)).data!
      .logIn.token;

  beforeAll(async () => {
    await system.start();
    replicas = [system.subgraph('accounts'), await system.startReplica('accounts')];
  }, 120_000);

  afterAll(() => system.stop(), 60_000);

  it('creates one key for both replicas, even when both need it at once, and tokens of either verify everywhere', async () => {
    // Neither replica has a key yet: the first sign-up and the first JWKS request race to create it.
    const [signUp] = await Promise.all([
      graphql(
        replicas[0]!.graphqlUrl,
        SIGN_UP,
        { input: { email: 'keyholder@example.com', password: TEST_PASSWORD, name: 'Keyholder' } },
        system.gatewayCredential,
      ),
      fetch(`${replicas[1]!.url}/.well-known/jwks.json`),
    ]);
    oldToken = signUp.data!.signUp.token;
    oldKid = kidOf(oldToken);
    const fromSecond = await logIn(replicas[1]!);
    expect(kidOf(fromSecond)).toBe(oldKid);
    for (const token of [oldToken, fromSecond]) {
      expect(await statusAt(system.gatewayUrl, token)).toBe(200);
      expect(await statusAt(system.subgraph('catalog').graphqlUrl, token)).toBe(200);
    }
    const listed = (await keys('list')).stdout.trim().split('\n');
    expect(listed).toEqual([expect.stringMatching(new RegExp(`^${oldKid}  EdDSA  created \\S+  signs and verifies$`))]);
  }, 60_000);

  it('rotate makes a new key sign on every replica while tokens of the old key still work', async () => {
    const rotated = await keys('rotate');
    expect(rotated.code).toBe(0);
    const newKid = /^(\S+) added:/.exec(rotated.stdout)?.[1];
    expect(newKid).toBeDefined();
    expect(newKid).not.toBe(oldKid);
    for (const replica of replicas) {
      newToken = await waitFor(
        async () => {
          const token = await logIn(replica);
          return kidOf(token) === newKid && token;
        },
        { timeoutMs: CONVERGENCE_MS, intervalMs: 500, description: `accounts on port ${replica.options.port} to sign with the new key` },
      );
    }
    // A new key signs only once every replica has served it a while: verifiers find it at the first token.
    for (const url of [system.gatewayUrl, system.subgraph('catalog').graphqlUrl]) {
      expect(await statusAt(url, newToken)).toBe(200);
      expect(await statusAt(url, oldToken)).toBe(200);
    }
  }, 120_000);

  it('retire refuses tokens of the old key at the gateway and at a subgraph within the refresh interval, and new ones still work', async () => {
    expect(await keys('retire', oldKid)).toMatchObject({ code: 0, stdout: expect.stringContaining(`${oldKid} is retired`) });
    for (const url of [system.gatewayUrl, system.subgraph('catalog').graphqlUrl, replicas[1]!.graphqlUrl]) {
      await waitFor(async () => (await statusAt(url, oldToken)) === 401, {
        timeoutMs: CONVERGENCE_MS,
        intervalMs: 500,
        description: `${url} to refuse the retired key's token`,
      });
      expect(await statusAt(url, newToken)).toBe(200);
    }
    expect((await keys('list')).stdout).toMatch(new RegExp(`${oldKid}  EdDSA .* retired`));
  }, 120_000);

  it('refuses to retire the only key that signs, and says to rotate first', async () => {
    const newKid = kidOf(newToken);
    expect(await keys('retire', newKid)).toMatchObject({ code: 1, stderr: expect.stringContaining('rotate` first') });
  }, 60_000);
});
