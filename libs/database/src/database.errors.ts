import { redactUrl } from '@agora/config';

/** PostgreSQL could not be reached or refused the connection at start-up. */
export class DatabaseUnreachableError extends Error {
  constructor(
    readonly url: string,
    override readonly cause: unknown,
  ) {
    const reason = cause instanceof Error ? cause.message || (cause as NodeJS.ErrnoException).code : String(cause);
    super(
      `cannot reach PostgreSQL at ${redactUrl(url)} (${reason}). ` +
        'Start PostgreSQL (your system service, e.g. `pg_ctlcluster 15 main start` on Debian or ' +
        '`brew services start postgresql` on macOS), or point DATABASE_URL at a running server.',
    );
    this.name = 'DatabaseUnreachableError';
  }
}

/** A migration failed; the database is left as the failed migration's transaction found it. */
export class MigrationError extends Error {
  constructor(
    readonly database: string,
    override readonly cause: unknown,
  ) {
    super(`migrating database "${database}" failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'MigrationError';
  }
}
