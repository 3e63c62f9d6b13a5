import { Logger, type OnApplicationShutdown } from '@nestjs/common';
// Type only: ioredis (52 modules, about 1.5 MB of heap) loads when a Redis URL is configured.
import type { Redis } from 'ioredis';

/** Redis answers within these or the limiter falls back to its in-memory budget for that attempt. */
const REDIS_CONNECT_TIMEOUT_MS = 2_000;
const REDIS_COMMAND_TIMEOUT_MS = 1_000;

/**
 * Where rate-limit counters live: this process's memory, or Redis so that every replica of a
 * service draws on one budget. Keys start with `prefix` (the broker namespace), so systems that
 * share one Redis, tests among them, never share counters.
 */
export class RateLimitStore implements OnApplicationShutdown {
  private readonly logger = new Logger(RateLimitStore.name);

  private constructor(
    readonly prefix: string,
    readonly redis?: Redis,
  ) {
    redis?.on('error', (error: Error) => this.logger.warn(`Redis for rate limits: ${error.message}; counting in memory meanwhile`));
  }

  static memory(prefix: string): RateLimitStore {
    return new RateLimitStore(prefix);
  }

  static async redis(url: string, prefix: string): Promise<RateLimitStore> {
    const { Redis } = await import('ioredis');
    return new RateLimitStore(
      prefix,
      new Redis(url, {
        // A limiter must not queue attempts while Redis is away: they fall back to memory instead.
        enableOfflineQueue: false,
        connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
        commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
        maxRetriesPerRequest: 1,
      }),
    );
  }

  /** `undefined` Redis URL: memory, and ioredis is never loaded. */
  static async create(redisUrl: string | undefined, prefix: string): Promise<RateLimitStore> {
    return redisUrl ? RateLimitStore.redis(redisUrl, prefix) : RateLimitStore.memory(prefix);
  }

  get kind(): 'memory' | 'redis' {
    return this.redis ? 'redis' : 'memory';
  }

  async onApplicationShutdown(): Promise<void> {
    await this.redis?.quit().catch(() => this.redis?.disconnect());
  }
}
