import type { Database } from '@agora/database';
import { eq } from 'drizzle-orm';
import type * as schema from '../db/schema';
import { normalizeEmail } from '../auth/sign-up.rules';
import { type UserRole, users } from '../db/schema';

/** What a role change did: the user's previous role, or `unknown` when no account has the e-mail. */
export type RoleChange = { readonly kind: 'changed' | 'unchanged'; readonly from: UserRole } | { readonly kind: 'unknown' };

/**
 * Gives the account with this e-mail the role, for operators (`npm run accounts -- promote|demote`).
 * Tokens already issued keep the role they were signed with until they expire; see the README's
 * "Identity and admin" for that bound.
 */
export async function setUserRole(db: Database<typeof schema>, email: string, role: UserRole): Promise<RoleChange> {
  const normalized = normalizeEmail(email);
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ role: users.role }).from(users).where(eq(users.email, normalized)).for('update');
    if (!user) return { kind: 'unknown' };
    if (user.role === role) return { kind: 'unchanged', from: user.role };
    await tx.update(users).set({ role }).where(eq(users.email, normalized));
    return { kind: 'changed', from: user.role };
  });
}
