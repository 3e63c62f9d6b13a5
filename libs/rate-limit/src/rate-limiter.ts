import { RateLimitedError } from '@agora/graphql';
import { createHash } from 'node:crypto';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimitBudget } from './rate-limit.budget';
import type { RateLimitStore } from './rate-limit.store';

export interface RateLimiterOptions {
  /** Names the counters in the store, e.g. `login`. */
  readonly name: string;
  /** What is counted, for the refusal's message: "log-in attempts for this e-mail". */
  readonly what: string;
  /** No budget: every attempt is allowed. */
  readonly budget: RateLimitBudget | undefined;
  readonly store: RateLimitStore;
}

/**
 * One budget per key (a client address, an e-mail), counted with rate-limiter-flexible in the
 * store. Keys are hashed, so no e-mail address or IP address is written to Redis. When Redis does
 * not answer, the attempt is counted in memory instead (the library's insurance limiter): a
 * replica's own budget still holds.
 */
export class RateLimiter {
  private readonly limiter?: RateLimiterAbstract;

  constructor(private readonly options: RateLimiterOptions) {
    const { budget, store, name } = options;
    if (!budget) return;
    const shape = { points: budget.points, duration: budget.durationSeconds, keyPrefix: `${store.prefix}:rate-limit:${name}` };
    const memory = new RateLimiterMemory(shape);
    this.limiter = store.redis
      ? new RateLimiterRedis({ ...shape, storeClient: store.redis, rejectIfRedisNotReady: true, insuranceLimiter: memory })
      : memory;
  }

  get enabled(): boolean {
    return this.limiter !== undefined;
  }

  /** Counts one attempt for `key`, or throws `RateLimitedError` (with the seconds to wait) when its budget is spent. */
  async consume(key: string): Promise<void> {
    if (!this.limiter) return;
    try {
      await this.limiter.consume(hashed(key));
    } catch (error) {
      if (error instanceof RateLimiterRes) throw new RateLimitedError(this.options.what, Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
      throw error;
    }
  }

  /** Forgets the attempts counted for `key` (e.g. after a successful log-in). */
  async reset(key: string): Promise<void> {
    await this.limiter?.delete(hashed(key));
  }
}

function hashed(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}
