import { NodePgSession, NodePgTransaction } from 'drizzle-orm/node-postgres';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { PoolClient } from 'pg';
import type { Database } from './database.module';

/** The drizzle transaction `db.transaction` hands its callback. */
export type Transaction<TSchema extends Record<string, unknown> = Record<string, never>> = Parameters<
  Parameters<Database<TSchema>['transaction']>[0]
>[0];

/**
 * A drizzle transaction of `db`'s schema on `client`, whose transaction block the caller opened and
 * ends. For a caller that opens it together with its first statement in one round trip, which
 * `db.transaction` cannot (it sends its own BEGIN first). Nested `transaction()` calls are
 * savepoints, as in `db.transaction`.
 */
export function transactionOn<TSchema extends Record<string, unknown>>(db: Database<TSchema>, client: PoolClient): Transaction<TSchema> {
  // drizzle(pool, { schema }) builds the same: a dialect without casing and the schema's relational config.
  const dialect = new PgDialect();
  const schema = db._.schema && { fullSchema: db._.fullSchema, schema: db._.schema, tableNamesMap: db._.tableNamesMap };
  return new NodePgTransaction(dialect, new NodePgSession(client, dialect, schema), schema);
}
