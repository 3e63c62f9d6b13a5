import { UserRegistered } from '@agora/contracts';
import { type Database, InjectDatabase, PgErrorCode, pgErrorCode } from '@agora/database';
import { BadUserInputError, UnauthenticatedError } from '@agora/graphql';
import { Outbox } from '@agora/messaging';
import { Inject, Injectable } from '@nestjs/common';
import { eq } from 'drizzle-orm';
import { ACCOUNTS_SETTINGS, type AccountsSettings } from '../accounts.settings';
import type * as schema from '../db/schema';
import { users } from '../db/schema';
import type { SignUpInput } from './dto/sign-up.input';
import { hashPassword, UNKNOWN_USER_HASH, verifyPassword } from './password';
import { SessionLimits } from './session-limits';
import { type Session, SessionTokens } from './session-tokens.service';
import { normalizeEmail, validateSignUp } from './sign-up.rules';

/** One answer for an unknown e-mail and a wrong password, so log-in tells no one who is registered. */
export const LOG_IN_FAILED = 'The e-mail or the password is wrong.';

@Injectable()
export class AuthService {
  constructor(
    @InjectDatabase() private readonly db: Database<typeof schema>,
    private readonly outbox: Outbox,
    private readonly sessions: SessionTokens,
    private readonly limits: SessionLimits,
    @Inject(ACCOUNTS_SETTINGS) private readonly settings: AccountsSettings,
  ) {}

  /** Creates the account and records accounts.user.registered.v1 in the same transaction. */
  async signUp(input: SignUpInput, clientAddress: string): Promise<Session> {
    const { email, password, name } = validateSignUp(input);
    await this.limits.signUp.consume(clientAddress);
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
      return this.sessions.open(user);
    } catch (error) {
      if (pgErrorCode(error) === PgErrorCode.UNIQUE_VIOLATION) {
        throw new BadUserInputError(`An account with the e-mail ${email} already exists. Log in instead.`, 'email');
      }
      throw error;
    }
  }

  /**
   * The same answer, after the same work, for an unknown e-mail and a wrong password: the key
   * derivation runs against a stand-in hash when no account has the e-mail. Attempts are counted
   * per e-mail before any work, whether or not the account exists; a success clears the count.
   */
  async logIn(email: string, password: string): Promise<Session> {
    const normalized = normalizeEmail(email);
    await this.limits.logIn.consume(normalized);
    const [user] = await this.db.select().from(users).where(eq(users.email, normalized)).limit(1);
    const matches = await verifyPassword(password, user?.passwordHash ?? UNKNOWN_USER_HASH);
    if (!user || !matches) throw new UnauthenticatedError(LOG_IN_FAILED);
    await this.limits.logIn.reset(normalized);
    return this.sessions.open(user);
  }

  refreshSession(refreshToken: string): Promise<Session> {
    return this.sessions.refresh(refreshToken);
  }
}
