import { validateSignUp } from './sign-up.rules';

const valid = { email: ' Ada@Example.COM ', password: 'long enough', name: '  Ada ' };

describe('validateSignUp', () => {
  it('lowercases the e-mail and trims the name', () => {
    expect(validateSignUp(valid)).toEqual({ email: 'ada@example.com', password: 'long enough', name: 'Ada' });
  });

  it.each([
    [{ ...valid, email: 'not-an-email' }, 'email', /not an e-mail address/],
    [{ ...valid, password: 'short' }, 'password', /8 to 200 characters/],
    [{ ...valid, name: '   ' }, 'name', /1 to 100 characters/],
  ])('refuses %o with BAD_USER_INPUT on %s', (input, field, message) => {
    expect(() => validateSignUp(input)).toThrow(message);
    try {
      validateSignUp(input);
    } catch (error) {
      expect((error as { extensions: unknown }).extensions).toEqual({ code: 'BAD_USER_INPUT', field });
    }
  });
});
