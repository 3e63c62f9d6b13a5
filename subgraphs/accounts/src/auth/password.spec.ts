import { jest } from '@jest/globals';
import {
  hashPassword,
  KEY_LENGTH,
  keyDerivation,
  parsePasswordHash,
  SALT_LENGTH,
  SCRYPT_PARAMETERS,
  UNKNOWN_USER_HASH,
  verifyPassword,
} from './password';

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

  it('refuses a malformed stored hash instead of skipping the derivation', async () => {
    await expect(verifyPassword('anything', 'scrypt$32768$8$AAAA$AAAA')).rejects.toThrow(/malformed/);
  });
});

describe('the stand-in hash used for unknown e-mails', () => {
  afterEach(() => jest.restoreAllMocks());

  it('is well formed, with the parameters and lengths of a real hash', async () => {
    const real = parsePasswordHash(await hashPassword('a real password'));
    const standIn = parsePasswordHash(UNKNOWN_USER_HASH);
    expect(standIn.options).toEqual({ ...SCRYPT_PARAMETERS });
    expect(standIn.options).toEqual(real.options);
    expect(standIn.salt).toHaveLength(SALT_LENGTH);
    expect(standIn.hash).toHaveLength(KEY_LENGTH);
  });

  it('runs the full key derivation when verified against, and matches no password', async () => {
    const derive = jest.spyOn(keyDerivation, 'derive');
    await expect(verifyPassword('anything', UNKNOWN_USER_HASH)).resolves.toBe(false);
    expect(derive).toHaveBeenCalledTimes(1);
    expect(derive).toHaveBeenCalledWith('anything', Buffer.alloc(SALT_LENGTH), { ...SCRYPT_PARAMETERS });
  });
});
