import { RateLimitedError, refuseRequest } from '@agora/graphql';
import type { RateLimiter } from '@agora/rate-limit';
import type { NextFunction, Request, Response } from 'express';

/** HTTP's "Too Many Requests" (RFC 6585), with `Retry-After` in seconds. */
const TOO_MANY_REQUESTS = 429;

/**
 * Counts every GraphQL request against its client address (`req.ip`: the socket's address, or
 * the one a trusted proxy wrote in X-Forwarded-For, see TRUST_PROXY) before any token is verified
 * or query planned. Over budget: 429 with `Retry-After` and a `RATE_LIMITED` GraphQL error.
 */
export function limitRequests(limiter: RateLimiter) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (req.method === 'OPTIONS') return next();
    try {
      await limiter.consume(req.ip ?? req.socket.remoteAddress ?? 'unknown');
      next();
    } catch (error) {
      if (!(error instanceof RateLimitedError)) return next(error);
      res.setHeader('Retry-After', String(error.retryAfterSeconds));
      refuseRequest(res, TOO_MANY_REQUESTS, error.message, { code: error.code, retryAfterSeconds: error.retryAfterSeconds });
    }
  };
}
