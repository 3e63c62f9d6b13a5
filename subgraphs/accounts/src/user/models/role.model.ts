import { ROLES, type Role as UserRole } from '@agora/contracts';
import { registerEnumType } from '@nestjs/graphql';

/** What a user may do; ADMIN manages the catalogue and sees every order. The GraphQL enum of `ROLES`. */
export const Role = Object.fromEntries(ROLES.map((role) => [role, role])) as { readonly [R in UserRole]: R };
export type Role = UserRole;

registerEnumType(Role, { name: 'Role', description: 'What a user may do.' });
