import { ForbiddenError, UnauthenticatedError } from '@agora/graphql';
import type { Viewer } from './viewer';

/** The viewer, or an `UNAUTHENTICATED` error naming what needed a sign-in. */
export function requireViewer(viewer: Viewer | undefined, action: string): Viewer {
  if (!viewer) throw new UnauthenticatedError(`Sign in to ${action}: send "Authorization: Bearer <token>" from logIn or signUp.`);
  return viewer;
}

/** The viewer if an ADMIN; otherwise `UNAUTHENTICATED` or `FORBIDDEN`. */
export function requireAdmin(viewer: Viewer | undefined, action: string): Viewer {
  const signedIn = requireViewer(viewer, action);
  if (signedIn.role !== 'ADMIN') throw new ForbiddenError(`Only an ADMIN may ${action}.`);
  return signedIn;
}

/** The viewer if it owns the thing or is an ADMIN; otherwise `UNAUTHENTICATED` or `FORBIDDEN`. */
export function requireOwnerOrAdmin(viewer: Viewer | undefined, ownerId: string, action: string): Viewer {
  const signedIn = requireViewer(viewer, action);
  if (signedIn.id !== ownerId && signedIn.role !== 'ADMIN') throw new ForbiddenError(`You may only ${action} of your own.`);
  return signedIn;
}
