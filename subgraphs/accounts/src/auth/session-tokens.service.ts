import { TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER } from '@agora/auth';
import { type Database, InjectDatabase } from '@agora/database';
import { UnauthenticatedError } from '@agora/graphql';
import { Inject, Injectable } from '@nestjs/common';
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { createHash, randomBytes } from 'node:crypto';
import { ACCOUNTS_SETTINGS, type AccountsSettings } from '../accounts.settings';
import type * as schema from '../db/schema';
import { refreshTokens, users } from '../db/schema';
import { SigningKeys } from '../keys/signing-keys.service';
import { OWN_ACCOUNT, type PublicUserRow } from '../user/user.service';

/** What signUp, logIn and refreshSession answer. */
export interface Session {
  readonly token: string;
  readonly refreshToken: string;
  readonly user: PublicUserRow;
}

const REFRESH_TOKEN_BYTES = 32;

function hashOf(refreshToken: string): string {
  return createHash('sha256').update(refreshToken).digest('base64url');
}

/**
 * Opens sessions: a short-lived access token (a JWT that carries the role, verified by every
 * service on its own) and a single-use refresh token kept in accounts' database. Refreshing reads
 * the user's current role, so a role change reaches every service within the access token's life.
 */
@Injectable()
export class SessionTokens {
  constructor(
    @InjectDatabase() private readonly db: Database<typeof schema>,
    private readonly keys: SigningKeys,
    @Inject(ACCOUNTS_SETTINGS) private readonly settings: AccountsSettings,
  ) {}

  async open(user: PublicUserRow & { passwordHash?: string }): Promise<Session> {
    const { passwordHash: _passwordHash, ...visible } = user;
    const refreshToken = randomBytes(REFRESH_TOKEN_BYTES).toString('base64url');
    await this.db.transaction(async (tx) => {
      // Expired tokens of this user go as new ones come, so the table stays bounded per user.
      await tx.delete(refreshTokens).where(and(eq(refreshTokens.userId, user.id), lt(refreshTokens.expiresAt, sql`now()`)));
      await tx.insert(refreshTokens).values({
        tokenHash: hashOf(refreshToken),
        userId: user.id,
        expiresAt: sql`now() + make_interval(secs => ${this.settings.refreshTokenTtlSeconds})`,
      });
    });
    return { token: await this.accessToken(user), refreshToken, user: { ...visible, [OWN_ACCOUNT]: true } };
  }

  /** Uses up the refresh token and opens a new session with the user's current role. */
  async refresh(refreshToken: string): Promise<Session> {
    const [used] = await this.db
      .delete(refreshTokens)
      .where(and(eq(refreshTokens.tokenHash, hashOf(refreshToken)), gt(refreshTokens.expiresAt, sql`now()`)))
      .returning({ userId: refreshTokens.userId });
    const [user] = used ? await this.db.select().from(users).where(eq(users.id, used.userId)).limit(1) : [];
    if (!user) throw new UnauthenticatedError('The refresh token is unknown, already used or expired. Log in again.');
    return this.open(user);
  }

  private async accessToken(user: PublicUserRow): Promise<string> {
    const { kid, key } = await this.keys.signingKey();
    return new SignJWT({ role: user.role })
      .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid, typ: 'JWT' })
      .setSubject(user.id)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.settings.tokenTtlSeconds}s`)
      .sign(key);
  }
}
