import { Redis } from 'ioredis';

/** The Redis tests use (rate limits shared by replicas); `TEST_REDIS_URL` points elsewhere if needed. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const CLEANUP_TIMEOUT_MS = 5_000;
/** Keys deleted per SCAN step: a test namespace holds a handful. */
const SCAN_BATCH = 100;

/** Deletes every key that starts with `<namespace>:`, as services prefix their rate-limit counters. */
export async function deleteRedisNamespace(namespace: string, url = TEST_REDIS_URL): Promise<void> {
  const redis = new Redis(url, { connectTimeout: CLEANUP_TIMEOUT_MS, commandTimeout: CLEANUP_TIMEOUT_MS, maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${namespace}:*`, 'COUNT', SCAN_BATCH);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
