import { RateLimiter, RateLimitStore } from '@agora/rate-limit';
import { type DynamicModule, Inject, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import type { GatewayConfig } from '../gateway.config';
import { limitRequests } from './rate-limit.middleware';

/** The gateway's budget per client address (`RATE_LIMIT`), shared by replicas through Redis (`REDIS_URL`). */
@Module({})
export class RateLimitModule implements NestModule {
  constructor(@Inject(RateLimiter) private readonly limiter: RateLimiter) {}

  static forRoot(config: GatewayConfig): DynamicModule {
    const { budget, redisUrl } = config.rateLimit;
    return {
      module: RateLimitModule,
      providers: [
        // No budget, no Redis connection.
        { provide: RateLimitStore, useFactory: () => RateLimitStore.create(budget && redisUrl, config.broker.namespace) },
        {
          provide: RateLimiter,
          inject: [RateLimitStore],
          useFactory: (store: RateLimitStore) => new RateLimiter({ name: 'gateway', what: 'requests from your address', budget, store }),
        },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    if (this.limiter.enabled) consumer.apply(limitRequests(this.limiter)).forRoutes('graphql');
  }
}
