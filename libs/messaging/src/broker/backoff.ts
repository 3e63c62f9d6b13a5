/**
 * Exponential backoff with ±20 % jitter, so replicas that lost the broker together do not
 * reconnect in lockstep. `attempt` 0 is the first retry after a loss.
 */
export function backoffDelay(attempt: number, initialDelayMs: number, maxDelayMs: number, random: () => number = Math.random): number {
  const base = Math.min(maxDelayMs, initialDelayMs * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.8 + 0.4 * random()));
}
