import { ErrorCode, refuseRequest } from '@agora/graphql';
import type { NextFunction, Request, Response } from 'express';
import { InvalidTokenError, KeysUnavailableError } from './auth.errors';
import { bearerToken, type TokenVerifier } from './token-verifier';
import type { Viewer } from './viewer';

/** A request after authentication; `viewer` is absent for anonymous requests. */
export interface AuthenticatedRequest extends Request {
  viewer?: Viewer;
}

/**
 * Verifies the bearer token of every GraphQL request before any resolver runs. No token: the
 * request goes on anonymously. A bad token: 401 with an `UNAUTHENTICATED` GraphQL error, so a
 * forged or expired token never reaches a resolver, whatever the operation asks for.
 */
export function authenticate(verifier: TokenVerifier) {
  return async (req: AuthenticatedRequest, res: Response, next: NextFunction): Promise<void> => {
    try {
      const token = bearerToken(req.headers.authorization);
      if (token) req.viewer = await verifier.verify(token);
      next();
    } catch (error) {
      if (error instanceof InvalidTokenError) return refuseRequest(res, 401, error.message, { code: ErrorCode.UNAUTHENTICATED });
      if (error instanceof KeysUnavailableError) return refuseRequest(res, 503, error.message, { code: ErrorCode.SERVICE_UNAVAILABLE });
      next(error);
    }
  };
}
