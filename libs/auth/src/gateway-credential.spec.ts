import { credentialMatches } from './gateway-credential';

describe('credentialMatches', () => {
  const secret = 'b'.repeat(64);

  it('accepts the secret itself', () => {
    expect(credentialMatches(secret, secret)).toBe(true);
  });

  it('refuses a missing, repeated, shorter, longer or different value', () => {
    for (const given of [undefined, [secret, secret], secret.slice(1), `${secret}b`, 'c'.repeat(64), '']) {
      expect(credentialMatches(secret, given)).toBe(false);
    }
  });
});
