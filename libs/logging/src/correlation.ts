import { AsyncLocalStorage } from 'node:async_hooks';

/** The header that carries a correlation id from the client through the gateway to every subgraph. */
export const CORRELATION_HEADER = 'x-correlation-id';

/** What a client may send as its own correlation id; anything else is replaced by a fresh one. */
const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

const storage = new AsyncLocalStorage<string>();

/**
 * Runs `work` with `correlationId` as the current correlation id: every log line it writes, and
 * every event it records, carries it, across awaits, without passing it around.
 */
export function withCorrelationId<T>(correlationId: string, work: () => T): T {
  return storage.run(correlationId, work);
}

/** The correlation id of the request or event being handled, if any. */
export function currentCorrelationId(): string | undefined {
  return storage.getStore();
}

/** The client's correlation id if it is acceptable, otherwise undefined (the caller makes one). */
export function acceptableCorrelationId(value: string | string[] | undefined): string | undefined {
  return typeof value === 'string' && ACCEPTABLE_ID.test(value) ? value : undefined;
}
