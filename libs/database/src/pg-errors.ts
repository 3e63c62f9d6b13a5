/** SQLSTATE codes Agora reacts to; https://www.postgresql.org/docs/15/errcodes-appendix.html */
export const PgErrorCode = {
  UNIQUE_VIOLATION: '23505',
  NUMERIC_VALUE_OUT_OF_RANGE: '22003',
  DUPLICATE_DATABASE: '42P04',
} as const;

export type PgErrorCode = (typeof PgErrorCode)[keyof typeof PgErrorCode];

/** The SQLSTATE of a PostgreSQL error, whether drizzle wrapped it (as `cause`) or not. */
export function pgErrorCode(error: unknown): string | undefined {
  const candidate = error as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = candidate?.code ?? candidate?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}
