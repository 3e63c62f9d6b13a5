export interface WaitForOptions {
  /** Give up after this long; the error names `description`. */
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
  readonly description?: string;
}

export class WaitTimeoutError extends Error {
  constructor(
    readonly description: string,
    readonly timeoutMs: number,
    override readonly cause?: unknown,
  ) {
    const last = cause instanceof Error ? ` (last error: ${cause.message})` : '';
    super(`timed out after ${timeoutMs} ms waiting for ${description}${last}`);
    this.name = 'WaitTimeoutError';
  }
}

/**
 * Polls `condition` until it returns a value other than `undefined`/`false` (or stops throwing),
 * and returns that value. Tests wait for conditions this way, never for fixed times.
 */
export async function waitFor<T>(condition: () => T | Promise<T>, options: WaitForOptions = {}): Promise<Exclude<T, false | undefined>> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const intervalMs = options.intervalMs ?? 50;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value !== undefined && value !== false) return value as Exclude<T, false | undefined>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) throw new WaitTimeoutError(options.description ?? 'a condition', timeoutMs, lastError);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
