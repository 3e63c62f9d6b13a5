/**
 * Resolves with `work`'s value, or with `undefined` once `timeoutMs` passed: for waits on a peer
 * that may never answer (a blocked broker), where giving up is the right outcome. `work` is not
 * cancelled; callers make sure its late outcome is harmless.
 */
export async function withinDeadline<T>(work: Promise<T>, timeoutMs: number): Promise<{ done: true; value: T } | { done: false }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ done: false }>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), timeoutMs);
    timer.unref();
  });
  try {
    return await Promise.race([work.then((value) => ({ done: true as const, value })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
