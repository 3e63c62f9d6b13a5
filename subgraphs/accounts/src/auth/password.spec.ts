import { hashPassword, UNKNOWN_USER_HASH, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies the password it hashed and refuses another', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$/);
    await expect(verifyPassword('correct horse battery', stored)).resolves.toBe(true);
    await expect(verifyPassword('correct horse batterY', stored)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same password')).not.toBe(await hashPassword('same password'));
  });

  it('never matches the stand-in hash used for unknown e-mails', async () => {
    await expect(verifyPassword('anything', UNKNOWN_USER_HASH)).resolves.toBe(false);
  });
});
