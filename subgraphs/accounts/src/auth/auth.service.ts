import { TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER } from '@agora/auth';
import { UserRegistered } from '@agora/contracts';
import { type Database, InjectDatabase, PgErrorCode, pgErrorCode } from '@agora/database';
import { BadUserInputError, UnauthenticatedError } from '@agora/graphql';
import { Outbox } from '@agora/messaging';
import { Inject, Injectable } from '@nestjs/common';
import { eq } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { ACCOUNTS_SETTINGS, type AccountsSettings } from '../accounts.settings';
import type * as schema from '../db/schema';
import { users } from '../db/schema';
import { SigningKeys } from '../keys/signing-keys.service';
import { OWN_ACCOUNT, type PublicUserRow } from '../user/user.service';
import type { SignUpInput } from './dto/sign-up.input';
import { hashPassword, UNKNOWN_USER_HASH, verifyPassword } from './password';
import { validateSignUp } from './sign-up.validation';

export interface Session {
  readonly token: string;
  readonly user: PublicUserRow;
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDatabase() private readonly db: Database<typeof schema>,
    private readonly outbox: Outbox,
    private readonly keys: SigningKeys,
    @Inject(ACCOUNTS_SETTINGS) private readonly settings: AccountsSettings,
  ) {}

  /** Creates the account and records accounts.user.registered.v1 in the same transaction. */
  async signUp(input: SignUpInput): Promise<Session> {
    const { email, password, name } = validateSignUp(input);
    const passwordHash = await hashPassword(password);
    const role = this.settings.adminEmails.has(email) ? 'ADMIN' : 'CUSTOMER';
    try {
      const user = await this.db.transaction(async (tx) => {
        const [row] = await tx.insert(users).values({ email, name, role, passwordHash }).returning();
        await this.outbox.record(tx, UserRegistered, {
          userId: row.id,
          email,
          name,
          role,
          registeredAt: row.createdAt.toISOString(),
        });
        return row;
      });
      return this.session(user);
    } catch (error) {
      if (pgErrorCode(error) === PgErrorCode.UNIQUE_VIOLATION) {
        throw new BadUserInputError(`An account with the e-mail ${email} already exists. Log in instead.`, 'email');
      }
      throw error;
    }
  }

  /** The same answer, after the same work, for an unknown e-mail and a wrong password. */
  async logIn(email: string, password: string): Promise<Session> {
    const [user] = await this.db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1);
    const matches = await verifyPassword(password, user?.passwordHash ?? UNKNOWN_USER_HASH);
    if (!user || !matches) throw new UnauthenticatedError('The e-mail or the password is wrong.');
    return this.session(user);
  }

  private async session(user: PublicUserRow & { passwordHash?: string }): Promise<Session> {
    const { passwordHash: _passwordHash, ...visible } = user;
    const { kid, key } = await this.keys.signingKey();
    const token = await new SignJWT({ role: user.role })
      .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid, typ: 'JWT' })
      .setSubject(user.id)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.settings.tokenTtlSeconds}s`)
      .sign(key);
    return { token, user: { ...visible, [OWN_ACCOUNT]: true } };
  }
}
