import { z } from 'zod';

/** At most `points` attempts per key in any window of `durationSeconds` (a fixed window from the first attempt). */
export interface RateLimitBudget {
  readonly points: number;
  readonly durationSeconds: number;
}

const BUDGET_PATTERN = /^(\d+)\/(\d+)$/;
export const RATE_LIMIT_OFF = 'off';

/**
 * A budget in the environment: `<attempts>/<seconds>` (`10/300`: ten per five minutes), or `off`
 * (undefined: no limit).
 */
export const rateLimitBudgetSchema = z
  .string()
  .trim()
  .toLowerCase()
  .transform((value, context): RateLimitBudget | undefined => {
    if (value === RATE_LIMIT_OFF) return undefined;
    const match = BUDGET_PATTERN.exec(value);
    const [points, durationSeconds] = match ? [Number(match[1]), Number(match[2])] : [0, 0];
    if (points < 1 || durationSeconds < 1) {
      context.addIssue({ code: 'custom', message: 'must be <attempts>/<seconds> with both at least 1 (e.g. 10/300), or off' });
      return z.NEVER;
    }
    return { points, durationSeconds };
  });

/** `redis://` or `rediss://`: where replicas keep one shared budget. */
export const redisUrlSchema = z
  .string()
  .url()
  .refine((value) => /^rediss?:$/.test(new URL(value).protocol), 'must be a redis:// or rediss:// URL');

/** A budget variable: its value when set, else `productionDefault` in production and none otherwise. */
export function rateLimitVariable(production: boolean, productionDefault: string) {
  return rateLimitBudgetSchema.prefault(production ? productionDefault : RATE_LIMIT_OFF);
}
