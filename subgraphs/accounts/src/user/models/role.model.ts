import { registerEnumType } from '@nestjs/graphql';
import type { UserRole } from '../../db/schema';

/** What a user may do; ADMIN manages the catalogue and sees every order. */
export const Role = { CUSTOMER: 'CUSTOMER', ADMIN: 'ADMIN' } as const satisfies { [R in UserRole]: R };
export type Role = (typeof Role)[keyof typeof Role];

registerEnumType(Role, { name: 'Role', description: 'What a user may do.' });
