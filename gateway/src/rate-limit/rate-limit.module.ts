import { RateLimiter, RateLimitStore } from '@agora/rate-limit';
import { type DynamicModule, type INestApplication, Module } from '@nestjs/common';
import type { GatewayConfig } from '../gateway.config';
import { limitRequests } from './rate-limit.middleware';

/** The gateway's budget per client address (`RATE_LIMIT`), shared by replicas through Redis (`REDIS_URL`). */
@Module({})
export class RateLimitModule {
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
      exports: [RateLimiter],
    };
  }
}

/**
 * Mounts the limit on `/graphql` ahead of every middleware the modules mount, authentication
 * included, so that a flood (of forged tokens, say) is refused before it costs a verification.
 */
export function installRateLimit(app: INestApplication): void {
  const limiter = app.get(RateLimiter);
  if (limiter.enabled) app.use('/graphql', limitRequests(limiter));
}
