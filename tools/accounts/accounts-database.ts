// What accounts' operator commands (`npm run accounts`, `npm run keys`) share: a short-lived,
// bounded connection to accounts' own database, configured as accounts configures itself, and one
// way to end with a message a person can act on.
import { loadServiceConfig } from '@agora/config';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from '../../subgraphs/accounts/src/db/schema';

const CONNECT_TIMEOUT_MS = 5_000;
const STATEMENT_TIMEOUT_MS = 10_000;

export type AccountsDatabase = NodePgDatabase<typeof schema>;

/** Runs `work` on accounts' database (DATABASE_URL read as accounts reads it), then disconnects. */
export async function withAccountsDatabase<T>(work: (db: AccountsDatabase) => Promise<T>): Promise<T> {
  const config = loadServiceConfig('accounts', 0, process.env);
  const pool = new pg.Pool({
    connectionString: config.database.url,
    max: 1,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
  });
  try {
    return await work(drizzle(pool, { schema }));
  } finally {
    await pool.end();
  }
}

/** Runs a command's `main`, printing its error's message (not a stack) and exiting 1 on failure. */
export function runCommand(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
