import { uuidv7 } from '@agora/contracts';
import { acceptableCorrelationId, CORRELATION_HEADER, withCorrelationId } from '@agora/logging';
import { tagCorrelationId } from '@agora/telemetry';
import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/**
 * Gives every HTTP request a correlation id: the client's `x-correlation-id` when acceptable,
 * otherwise a new one. It is echoed in the response, forwarded by the gateway to subgraphs, put
 * on every log line, and recorded on every event the request causes. Registered as Nest
 * middleware, so it runs after body parsing and its async context reaches the resolvers.
 */
@Module({})
export class CorrelationModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(correlate).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}

export function correlate(req: Request, res: Response, next: NextFunction): void {
  const correlationId = acceptableCorrelationId(req.headers[CORRELATION_HEADER]) ?? uuidv7();
  req.headers[CORRELATION_HEADER] = correlationId;
  res.setHeader(CORRELATION_HEADER, correlationId);
  tagCorrelationId(correlationId);
  withCorrelationId(correlationId, next);
}
