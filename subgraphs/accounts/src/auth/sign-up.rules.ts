import { BadUserInputError } from '@agora/graphql';
import type { SignUpInput } from './dto/sign-up.input';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 200;
export const NAME_MAX_LENGTH = 100;
const EMAIL_MAX_LENGTH = 254;
/** Deliberately loose: one @, something on each side, a dot in the domain. Delivery is the real test. */
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface ValidSignUp {
  readonly email: string;
  readonly password: string;
  readonly name: string;
}

/** An e-mail as accounts stores and looks it up: trimmed and lowercased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The sign-up with e-mail lowercased and name trimmed, or a BAD_USER_INPUT error naming the field. */
export function validateSignUp(input: SignUpInput): ValidSignUp {
  const email = normalizeEmail(input.email);
  if (email.length > EMAIL_MAX_LENGTH || !EMAIL_PATTERN.test(email)) {
    throw new BadUserInputError(`"${input.email}" is not an e-mail address.`, 'email');
  }
  if (input.password.length < PASSWORD_MIN_LENGTH || input.password.length > PASSWORD_MAX_LENGTH) {
    throw new BadUserInputError(`The password must have ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters.`, 'password');
  }
  const name = input.name.trim();
  if (name.length < 1 || name.length > NAME_MAX_LENGTH) {
    throw new BadUserInputError(`The name must have 1 to ${NAME_MAX_LENGTH} characters.`, 'name');
  }
  return { email, password: input.password, name };
}
