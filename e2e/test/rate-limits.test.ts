import { freePort, graphql, http, ServiceProcess, TEST_PASSWORD, TEST_REDIS_URL, TestSystem } from '@agora/testing';

const LOG_IN = 'mutation ($email: String!, $password: String!) { logIn(email: $email, password: $password) { token } }';
const SIGN_UP = 'mutation ($input: SignUpInput!) { signUp(input: $input) { token } }';
const LOGIN_BUDGET = 10;
const SIGNUP_BUDGET = 3;
const GATEWAY_BUDGET = 20;

describe('rate limits', () => {
  const system = new TestSystem({
    subgraphs: ['accounts'],
    subgraphEnv: {
      accounts: {
        REDIS_URL: TEST_REDIS_URL,
        LOGIN_RATE_LIMIT: `${LOGIN_BUDGET}/600`,
        SIGNUP_RATE_LIMIT: `${SIGNUP_BUDGET}/600`,
        // No proxy is trusted: a client's own X-Forwarded-For must not buy it a new budget.
        TRUST_PROXY: '192.0.2.1',
      },
    },
    gatewayEnv: { RATE_LIMIT: `${GATEWAY_BUDGET}/600`, REDIS_URL: TEST_REDIS_URL },
  });
  let replicas: ServiceProcess[];
  let gateways: ServiceProcess[];

  beforeAll(async () => {
    await system.start();
    replicas = [system.subgraph('accounts'), await system.startReplica('accounts')];
    const secondGateway = new ServiceProcess({ ...system.gateway!.options, port: await freePort() });
    system.replicas.push(secondGateway);
    gateways = [system.gateway!, await secondGateway.start()];
    // The victim's sign-up also spends one of this client address's sign-ups (see the last tests).
    await graphql(
      replicas[0]!.graphqlUrl,
      SIGN_UP,
      { input: { email: 'victim@example.com', password: TEST_PASSWORD, name: 'Victim' } },
      system.gatewayCredential,
    );
  }, 120_000);

  afterAll(() => system.stop(), 60_000);

  it('refuses log-ins for one account with RATE_LIMITED once its budget is spent, across two replicas sharing Redis', async () => {
    const codes: unknown[] = [];
    for (let attempt = 0; attempt < 40; attempt += 1) {
      const replica = replicas[attempt % 2]!;
      const response = await graphql(
        replica.graphqlUrl,
        LOG_IN,
        { email: 'victim@example.com', password: `guess number ${attempt}` },
        system.gatewayCredential,
      );
      codes.push(response.errors?.[0]?.extensions?.code);
    }
    // One budget for both replicas: each alone would have answered LOGIN_BUDGET attempts.
    expect(codes.filter((code) => code === 'UNAUTHENTICATED')).toHaveLength(LOGIN_BUDGET);
    expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(40 - LOGIN_BUDGET);

    const right = await graphql(
      replicas[1]!.graphqlUrl,
      LOG_IN,
      { email: 'victim@example.com', password: TEST_PASSWORD },
      system.gatewayCredential,
    );
    expect(right.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/Too many log-in attempts for this e-mail\. Retry in \d+ s\./),
      extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) },
    });
  }, 120_000);

  it('keeps the budget of another e-mail whole', async () => {
    const response = await graphql(
      replicas[1]!.graphqlUrl,
      LOG_IN,
      { email: 'someone-else@example.com', password: 'wrong password' },
      system.gatewayCredential,
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  }, 60_000);

  it('counts sign-ups per client address, whatever X-Forwarded-For an untrusted client sends', async () => {
    const codes: unknown[] = [];
    for (let attempt = 0; attempt < SIGNUP_BUDGET + 2; attempt += 1) {
      const response = await graphql(
        replicas[attempt % 2]!.graphqlUrl,
        SIGN_UP,
        { input: { email: `newcomer${attempt}@example.com`, password: TEST_PASSWORD, name: 'Newcomer' } },
        { ...system.gatewayCredential, 'x-forwarded-for': `203.0.113.${attempt + 1}` },
      );
      codes.push(response.errors?.[0]?.extensions?.code ?? 'OK');
    }
    // The victim's sign-up in beforeAll came from the same address.
    expect(codes).toEqual([...Array(SIGNUP_BUDGET - 1).fill('OK'), ...Array(3).fill('RATE_LIMITED')]);
  }, 60_000);

  it('answers a client address over the budget of two gateways sharing Redis with HTTP 429, Retry-After and RATE_LIMITED', async () => {
    const post = (gateway: ServiceProcess, headers: Record<string, string> = {}) =>
      http(gateway.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < GATEWAY_BUDGET + 2; attempt += 1) statuses.push((await post(gateways[attempt % 2]!)).status);
    // One budget for both gateways: each alone would have answered GATEWAY_BUDGET requests.
    expect(statuses).toEqual([...Array(GATEWAY_BUDGET).fill(200), 429, 429]);

    // Counted before the token is verified: a flood of forged tokens costs no verification.
    const refused = await post(gateways[0]!, { authorization: 'Bearer not-a-token' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = refused.json<{ errors: { extensions: Record<string, unknown> }[] }>();
    expect(body.errors[0]!.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
  }, 60_000);
});
