import type { Role } from '@agora/contracts';

/** The signed-in user a request acts for, as proven by a verified token. */
export interface Viewer {
  readonly id: string;
  readonly role: Role;
}

export function isAdmin(viewer: Viewer | undefined): boolean {
  return viewer?.role === 'ADMIN';
}
