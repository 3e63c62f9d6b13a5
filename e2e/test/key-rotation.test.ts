import { dropDatabase, prepareDatabase, withDatabase } from '@agora/database';
import {
  bearer,
  graphql,
  http,
  runTool,
  type ServiceProcess,
  TEST_DATABASE_SERVER_URL,
  TEST_PASSWORD,
  testNamespace,
  TestSystem,
  waitFor,
} from '@agora/testing';
import { loadAccountsSettings } from '../../subgraphs/accounts/src/accounts.settings';
import { accountsSubgraph } from '../../subgraphs/accounts/src/accounts.subgraph';

const SIGN_UP = 'mutation ($input: SignUpInput!) { signUp(input: $input) { token user { id } } }';
const LOG_IN = 'mutation ($email: String!, $password: String!) { logIn(email: $email, password: $password) { token } }';
/** Verifiers of this test fetch the key set again this often (JWKS_REFRESH_SECONDS). */
const JWKS_REFRESH_SECONDS = 2;
/** A generous deadline for a change to reach every verifier: the refresh interval plus accounts' key cache, on a busy machine. */
const CONVERGENCE_MS = 45_000;

function kidOf(token: string): string {
  return (JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { kid: string }).kid;
}

/** `npm run keys -- <args>` against one accounts database. */
function keysTool(databaseUrl: string) {
  return (...args: string[]) => runTool('keys', args, { DATABASE_URL: databaseUrl });
}

describe('signing keys shared by two accounts replicas, rotated and retired while running', () => {
  const refresh = { JWKS_REFRESH_SECONDS: String(JWKS_REFRESH_SECONDS) };
  const system = new TestSystem({ subgraphs: ['accounts', 'catalog'], subgraphEnv: { catalog: refresh }, gatewayEnv: refresh });
  const keys = keysTool(system.databaseUrl('accounts'));
  let replicas: ServiceProcess[];

  /** The HTTP status with which a service answers a request carrying this token. */
  const statusAt = async (url: string, token: string): Promise<number> =>
    (
      await http(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...system.gatewayCredential, ...bearer(token) },
        body: JSON.stringify({ query: '{ __typename }' }),
      })
    ).status;
  const logIn = async (replica: ServiceProcess): Promise<string> =>
    (await graphql(replica.graphqlUrl, LOG_IN, { email: 'keyholder@example.com', password: TEST_PASSWORD }, system.gatewayCredential)).data!
      .logIn.token;
  /** Where tokens are verified: the gateway and a subgraph, each against the JWKS it fetched. */
  const verifiers = () => [system.gatewayUrl, system.subgraph('catalog').graphqlUrl];

  beforeAll(async () => {
    await system.start();
    replicas = [system.subgraph('accounts'), await system.startReplica('accounts')];
  }, 120_000);

  afterAll(() => system.stop(), 60_000);

  // One key's life, in the order an operator lives it: each step starts from the state the one
  // before left, so they are one test rather than tests that depend on each other's order.
  it('creates one key for both replicas at once, rotates to a new one on every replica, and retires the old one everywhere', async () => {
    // 1. Neither replica has a key yet: the first sign-up and the first JWKS request race to create it.
    const [signUp] = await Promise.all([
      graphql(
        replicas[0]!.graphqlUrl,
        SIGN_UP,
        { input: { email: 'keyholder@example.com', password: TEST_PASSWORD, name: 'Keyholder' } },
        system.gatewayCredential,
      ),
      http(`${replicas[1]!.url}/.well-known/jwks.json`),
    ]);
    const oldToken = signUp.data!.signUp.token;
    const oldKid = kidOf(oldToken);
    const fromSecond = await logIn(replicas[1]!);
    expect(kidOf(fromSecond)).toBe(oldKid);
    for (const token of [oldToken, fromSecond]) {
      for (const url of verifiers()) expect(await statusAt(url, token)).toBe(200);
    }
    const listed = (await keys('list')).stdout.trim().split('\n');
    expect(listed).toEqual([expect.stringMatching(new RegExp(`^${oldKid}  EdDSA  created \\S+  signs and verifies$`))]);

    // 2. `rotate` makes a new key sign on every replica, while tokens of the old key still work.
    const rotated = await keys('rotate');
    expect(rotated.code).toBe(0);
    const newKid = /^(\S+) added:/.exec(rotated.stdout)?.[1];
    expect(newKid).toBeDefined();
    expect(newKid).not.toBe(oldKid);
    let newToken = '';
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
    for (const url of verifiers()) {
      expect(await statusAt(url, newToken)).toBe(200);
      expect(await statusAt(url, oldToken)).toBe(200);
    }

    // 3. `retire` refuses the old key's tokens at the gateway and at subgraphs within the refresh
    // interval, while the new key's still work.
    expect(await keys('retire', oldKid)).toMatchObject({ code: 0, stdout: expect.stringContaining(`${oldKid} is retired`) });
    for (const url of [...verifiers(), replicas[1]!.graphqlUrl]) {
      await waitFor(async () => (await statusAt(url, oldToken)) === 401, {
        timeoutMs: CONVERGENCE_MS,
        intervalMs: 500,
        description: `${url} to refuse the retired key's token`,
      });
      expect(await statusAt(url, newToken)).toBe(200);
    }
    expect((await keys('list')).stdout).toMatch(new RegExp(`${oldKid}  EdDSA .* retired`));
  }, 240_000);
});

describe('npm run keys on a key set of one key', () => {
  // The command works on accounts' database alone: no service needs to run.
  const databaseUrl = withDatabase(TEST_DATABASE_SERVER_URL, `${testNamespace()}_accounts`);
  const keys = keysTool(databaseUrl);

  beforeAll(
    () => prepareDatabase({ url: databaseUrl, migrations: [{ folder: accountsSubgraph(loadAccountsSettings({})).migrationsFolder }] }),
    60_000,
  );
  afterAll(() => dropDatabase(databaseUrl), 60_000);

  it('refuses to retire the only key that signs, says to rotate first, and keeps it signing', async () => {
    const added = await keys('rotate'); // the first key of an empty key set
    const kid = /^(\S+) added:/.exec(added.stdout)?.[1];
    expect(kid).toBeDefined();
    expect(await keys('retire', kid!)).toMatchObject({ code: 1, stderr: expect.stringContaining('rotate` first') });
    expect((await keys('list')).stdout.trim()).toMatch(new RegExp(`^${kid}  EdDSA  created \\S+  signs and verifies$`));
  }, 60_000);
});
