import { Global, Inject, type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { MetricsController } from './metrics.controller';
import { MetricsRegistry } from './metrics.registry';

/** `GET /metrics` for Prometheus, and the registry other modules add their metrics to. */
@Global()
@Module({ controllers: [MetricsController], providers: [MetricsRegistry], exports: [MetricsRegistry] })
export class MetricsModule implements NestModule {
  constructor(@Inject(MetricsRegistry) private readonly metrics: MetricsRegistry) {}

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(timeRequests(this.metrics)).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}

/** Paths served by middleware rather than a routed controller, kept as their own label. */
const MOUNTED_PATHS = new Set(['/graphql']);

/** Times each request. The route label is the matched route, never the raw URL, so it stays bounded. */
function timeRequests(metrics: MetricsRegistry) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const end = metrics.httpRequests.startTimer();
    res.on('finish', () => {
      // Nest mounts middleware on a wildcard route; only a controller's route names the request.
      const routed = (req.route as { path?: string } | undefined)?.path;
      const path = req.originalUrl.split('?', 1)[0] ?? '';
      const route = routed && !routed.includes('*') ? routed : MOUNTED_PATHS.has(path) ? path : 'other';
      end({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}
