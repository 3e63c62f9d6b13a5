/** Node socket errors that mean the server could not be reached or the connection broke. */
const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH']);
/**
 * SQLSTATEs of a server that is going away or not accepting work: class 08 (connection exception)
 * and the operator-intervention codes. https://www.postgresql.org/docs/15/errcodes-appendix.html
 */
const UNAVAILABLE_SQLSTATE = /^(08...|57P01|57P02|57P03)$/;
/** node-postgres reports a dropped or timed-out connection with these messages and no code. */
const CONNECTION_ERROR_MESSAGE = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i;
/** How deep to follow `cause` / `originalError` (GraphQL and drizzle each wrap once). */
const MAX_WRAPPING = 5;

/**
 * Whether `error` (or what it wraps) says the database could not be reached or the connection
 * broke, as opposed to a query the database refused: the request may succeed once it is back.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < MAX_WRAPPING && current; depth += 1) {
    const candidate = current as { code?: unknown; message?: unknown; cause?: unknown; originalError?: unknown };
    if (typeof candidate.code === 'string' && (CONNECTION_ERROR_CODES.has(candidate.code) || UNAVAILABLE_SQLSTATE.test(candidate.code)))
      return true;
    if (typeof candidate.message === 'string' && CONNECTION_ERROR_MESSAGE.test(candidate.message)) return true;
    current = candidate.originalError ?? candidate.cause;
  }
  return false;
}
