/** What a user may be: the one list, shared by tokens, accounts' table and the `UserRegistered` event. */
export const ROLES = ['CUSTOMER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];
