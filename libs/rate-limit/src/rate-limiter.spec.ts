import { RateLimitedError } from '@agora/graphql';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { rateLimitBudgetSchema } from './rate-limit.budget';
import { RateLimitStore } from './rate-limit.store';
import { RateLimiter } from './rate-limiter';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('rateLimitBudgetSchema', () => {
  it('reads <attempts>/<seconds>, and off as no limit', () => {
    expect(rateLimitBudgetSchema.parse('10/300')).toEqual({ points: 10, durationSeconds: 300 });
    expect(rateLimitBudgetSchema.parse('OFF')).toBeUndefined();
  });

  it.each(['10', '0/60', '10/0', 'ten/60'])('refuses %s', (value) => {
    expect(rateLimitBudgetSchema.safeParse(value).success).toBe(false);
  });
});

describe('RateLimiter', () => {
  it('refuses the attempt after the budget with RATE_LIMITED and the seconds to wait', async () => {
    const limiter = new RateLimiter({
      name: 'test',
      what: 'tries',
      budget: { points: 2, durationSeconds: 60 },
      store: RateLimitStore.memory('t'),
    });
    await limiter.consume('a');
    await limiter.consume('a');
    const refusal = await limiter.consume('a').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(RateLimitedError);
    expect((refusal as RateLimitedError).extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect((refusal as RateLimitedError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect((refusal as RateLimitedError).retryAfterSeconds).toBeLessThanOrEqual(60);
    await expect(limiter.consume('b')).resolves.toBeUndefined();
  });

  it('gives the budget back on reset', async () => {
    const limiter = new RateLimiter({
      name: 'test',
      what: 'tries',
      budget: { points: 1, durationSeconds: 60 },
      store: RateLimitStore.memory('t'),
    });
    await limiter.consume('a');
    await limiter.reset('a');
    await expect(limiter.consume('a')).resolves.toBeUndefined();
  });

  it('allows everything without a budget', async () => {
    const limiter = new RateLimiter({ name: 'test', what: 'tries', budget: undefined, store: RateLimitStore.memory('t') });
    for (let attempt = 0; attempt < 5; attempt += 1) await limiter.consume('a');
    expect(limiter.enabled).toBe(false);
  });

  describe('in Redis', () => {
    const prefix = `agora_test_${randomBytes(4).toString('hex')}`;
    const stores: RateLimitStore[] = [];
    /** A store whose connection is up, so the test counts in Redis rather than in the in-memory fallback. */
    const store = async () => {
      const created = await RateLimitStore.redis(REDIS_URL, prefix);
      stores.push(created);
      if (created.redis!.status !== 'ready') await once(created.redis!, 'ready');
      return created;
    };

    afterAll(async () => {
      try {
        const redis = stores[0]!.redis!;
        const keys = await redis.keys(`${prefix}:*`);
        if (keys.length > 0) await redis.del(...keys);
      } finally {
        await Promise.all(stores.map((created) => created.onApplicationShutdown()));
      }
    });

    it('shares one budget between two limiters, as between replicas, without writing the key in clear', async () => {
      const budget = { points: 3, durationSeconds: 60 };
      const first = new RateLimiter({ name: 'shared', what: 'tries', budget, store: await store() });
      const second = new RateLimiter({ name: 'shared', what: 'tries', budget, store: await store() });
      await first.consume('ada@example.com');
      await second.consume('ada@example.com');
      await first.consume('ada@example.com');
      await expect(second.consume('ada@example.com')).rejects.toBeInstanceOf(RateLimitedError);
      const keys = await stores[0]!.redis!.keys(`${prefix}:*`);
      expect(keys).toHaveLength(1);
      expect(keys[0]).not.toContain('ada');
    });
  });
});
