import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { Client } from 'pg';
import { DatabaseUnreachableError, MigrationError } from './database.errors';
import { CONNECTION_TIMEOUT_MS } from './database.module';
import { PgErrorCode, pgErrorCode } from './pg-errors';

/** The database every server has, used to create the service's own. */
const MAINTENANCE_DATABASE = 'postgres';
/** Serialises migrations when several replicas start at once. */
const MIGRATION_LOCK_KEY = 0x61676f72; // "agor"

/** One set of drizzle-kit migrations, tracked in its own table so that sets stay independent. */
export interface MigrationSet {
  /** The folder of drizzle-kit's generated migrations, relative to the working directory. */
  readonly folder: string;
  /** Where applied migrations are recorded; drizzle's default for the service's own set. */
  readonly table?: string;
}

export interface PrepareDatabaseOptions {
  /** The service's database URL, including the database name. */
  readonly url: string;
  /** Applied in order: the service's own schema, then shared ones (such as the messaging kit's). */
  readonly migrations: readonly MigrationSet[];
}

/**
 * Creates the database named in `url` if it is missing, then applies pending migrations under an
 * advisory lock, so replicas starting together migrate once.
 */
export async function prepareDatabase(options: PrepareDatabaseOptions): Promise<void> {
  const name = databaseName(options.url);
  await ensureDatabase(options.url, name);
  const client = await connect(options.url);
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    for (const set of options.migrations) {
      await migrate(drizzle(client), { migrationsFolder: set.folder, ...(set.table ? { migrationsTable: set.table } : {}) });
    }
  } catch (error) {
    throw new MigrationError(name, error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Drops a database if it exists, closing its connections first. For tests and tooling. */
export async function dropDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  const client = await connect(withDatabase(url, MAINTENANCE_DATABASE));
  try {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Names of the server's databases that start with `prefix`. For tests and tooling. */
export async function listDatabases(serverUrl: string, prefix: string): Promise<string[]> {
  const client = await connect(withDatabase(serverUrl, MAINTENANCE_DATABASE));
  try {
    const result = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY datname',
      [prefix],
    );
    return result.rows.map((row) => row.datname);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function ensureDatabase(url: string, name: string): Promise<void> {
  const client = await connect(withDatabase(url, MAINTENANCE_DATABASE));
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (existing.rowCount) return;
    // Identifiers cannot be bound as parameters; escapeIdentifier quotes the name safely.
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } catch (error) {
    const code = pgErrorCode(error);
    // Another replica created it between our check and our CREATE.
    if (code !== PgErrorCode.DUPLICATE_DATABASE && code !== PgErrorCode.UNIQUE_VIOLATION) throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: CONNECTION_TIMEOUT_MS });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return client;
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new DatabaseUnreachableError(url, error);
  }
}

export function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!name) throw new Error(`database URL ${url} names no database`);
  return name;
}

export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(name)}`;
  return parsed.toString();
}
