export { type RateLimitBudget, rateLimitBudgetSchema, rateLimitVariable, redisUrlSchema } from './rate-limit.budget';
export { RateLimitStore } from './rate-limit.store';
export { RateLimiter, type RateLimiterOptions } from './rate-limiter';
