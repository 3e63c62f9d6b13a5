import { ErrorCode, refuseRequest } from '@agora/graphql';
import type { NextFunction, Request, Response } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';

/** The header that carries the gateway's credential (`SUBGRAPH_SECRET`) to every subgraph. */
export const SUBGRAPH_CREDENTIAL_HEADER = 'x-agora-gateway-credential';

/**
 * Whether `given` is the shared secret, compared in constant time. Both sides are hashed first,
 * so that neither the secret's content nor its length shows in the time taken.
 */
export function credentialMatches(secret: string, given: string | string[] | undefined): boolean {
  if (typeof given !== 'string') return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(secret), digest(given));
}

/**
 * Express middleware for a subgraph's `/graphql`: a request without the gateway's credential is
 * refused with 403 and a GraphQL-shaped `GATEWAY_CREDENTIAL_REQUIRED` error, before its body is
 * read or its token verified. The user's own token is then verified as for any request.
 */
export function requireGatewayCredential(secret: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (credentialMatches(secret, req.headers[SUBGRAPH_CREDENTIAL_HEADER])) return next();
    refuseRequest(res, 403, 'This subgraph answers only the Agora gateway; send your operation to the gateway.', {
      code: ErrorCode.GATEWAY_CREDENTIAL_REQUIRED,
    });
  };
}
