import { type Database, InjectDatabase, anyOf } from '@agora/database';
import { Injectable } from '@nestjs/common';

import type * as schema from '../db/schema';
import { type UserRow, users } from '../db/schema';

/** A user as other code may see it: everything but the password hash. */
export type PublicUserRow = Omit<UserRow, 'passwordHash'> & { readonly [OWN_ACCOUNT]?: true };

/**
 * Marks the user of a session that signUp or logIn just opened: the request carries no token yet,
 * but the user asking is this user, so private fields such as the e-mail are theirs to see.
 */
export const OWN_ACCOUNT = Symbol('OWN_ACCOUNT');

const PUBLIC_COLUMNS = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  createdAt: users.createdAt,
};

@Injectable()
export class UserService {
  constructor(@InjectDatabase() private readonly db: Database<typeof schema>) {}

  /** Users by id, in one statement; missing ids are simply absent from the map. */
  async findByIds(ids: readonly string[]): Promise<Map<string, PublicUserRow>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.select(PUBLIC_COLUMNS).from(users).where(anyOf(users.id, ids));
    return new Map(rows.map((row) => [row.id, row]));
  }
}
