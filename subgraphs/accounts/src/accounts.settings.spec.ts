import { ConfigError } from '@agora/config';
import { loadAccountsSettings } from './accounts.settings';

/** Production requires the gateway's credential for the subgraphs. */
const PRODUCTION = { NODE_ENV: 'production', SUBGRAPH_SECRET: 's'.repeat(64) };

const ED25519_KEY = {
  kty: 'OKP',
  crv: 'Ed25519',
  x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo',
  d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A',
};

describe('loadAccountsSettings', () => {
  it('defaults to admin@agora.local as the only admin, 15-minute tokens and no rate limits', () => {
    const settings = loadAccountsSettings({});
    expect([...settings.adminEmails]).toEqual(['admin@agora.local']);
    expect(settings.tokenTtlSeconds).toBe(900);
    expect(settings.rateLimits).toMatchObject({ login: undefined, signUp: undefined, redisUrl: undefined });
    expect(settings.signingKey).toBeUndefined();
  });

  it('has no default admin in production', () => {
    expect([...loadAccountsSettings(PRODUCTION).adminEmails]).toEqual([]);
    expect([...loadAccountsSettings({ ...PRODUCTION, ADMIN_EMAILS: 'ops@example.com' }).adminEmails]).toEqual(['ops@example.com']);
  });

  it('limits log-in and sign-up in production unless told otherwise', () => {
    expect(loadAccountsSettings(PRODUCTION).rateLimits).toMatchObject({
      login: { points: 10, durationSeconds: 300 },
      signUp: { points: 20, durationSeconds: 3600 },
    });
    expect(loadAccountsSettings({ ...PRODUCTION, LOGIN_RATE_LIMIT: 'off' }).rateLimits.login).toBeUndefined();
    expect(loadAccountsSettings({ LOGIN_RATE_LIMIT: '3/60' }).rateLimits.login).toEqual({ points: 3, durationSeconds: 60 });
  });

  it('lowercases ADMIN_EMAILS', () => {
    expect([...loadAccountsSettings({ ADMIN_EMAILS: 'Boss@Example.com, ops@example.com' }).adminEmails]).toEqual([
      'boss@example.com',
      'ops@example.com',
    ]);
  });

  it('takes an Ed25519 private key from SIGNING_KEY', () => {
    expect(loadAccountsSettings({ SIGNING_KEY: JSON.stringify(ED25519_KEY) }).signingKey).toMatchObject(ED25519_KEY);
  });

  it.each([
    ['not JSON', 'nope'],
    ['a public key only', JSON.stringify({ ...ED25519_KEY, d: undefined })],
    ['another curve', JSON.stringify({ ...ED25519_KEY, crv: 'X25519' })],
  ])('refuses a SIGNING_KEY that is %s', (_case, value) => {
    expect(() => loadAccountsSettings({ SIGNING_KEY: value })).toThrow(ConfigError);
  });
});
