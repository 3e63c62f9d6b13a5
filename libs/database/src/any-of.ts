import { type Column, type SQL, sql } from 'drizzle-orm';

/**
 * `column = ANY($1)`: whether the column's value is one of `values`, sent as one array parameter
 * (PostgreSQL types it as an array of the column's type). drizzle's `inArray` writes one parameter
 * per value, so every list length is a statement of its own text; with one array the text is the
 * same for any length, and the statement is prepared and planned once (see `preparingClient`).
 * An empty list matches nothing.
 */
export function anyOf(column: Column, values: readonly unknown[]): SQL {
  return sql`${column} = ANY(${sql.param([...values])})`;
}
