import { DEFAULT_DATABASE_SERVER_URL } from '@agora/config';
import { sql } from 'drizzle-orm';
import { integer, pgTable, uuid } from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { anyOf } from '../src/any-of';
import { preparingClient } from '../src/prepared-statements';

/** The server the tests use (its maintenance database): these tests create nothing but temporary tables. */
const SERVER_URL = process.env.TEST_DATABASE_URL ?? DEFAULT_DATABASE_SERVER_URL;

/** Prepared statements of the pool's one connection, as PostgreSQL keeps them for that session. */
async function preparedOn(pool: pg.Pool): Promise<string[]> {
  const { rows } = await pool.query<{ statement: string }>('SELECT statement FROM pg_prepared_statements ORDER BY prepare_time');
  return rows.map((row) => row.statement);
}

describe('preparingClient', () => {
  let pool: pg.Pool;
  const start = (capacity?: number) => {
    pool = new pg.Pool({ connectionString: SERVER_URL, max: 1, Client: preparingClient(capacity) });
    return pool;
  };
  afterEach(async () => {
    await pool.end();
  });

  it('prepares a parameterised statement once per connection and runs it again by name', async () => {
    start();
    const text = 'SELECT $1::int + 1 AS next';
    for (const value of [1, 2, 3]) expect((await pool.query<{ next: number }>(text, [value])).rows).toEqual([{ next: value + 1 }]);
    expect(await preparedOn(pool)).toEqual([text]);
  });

  it('prepares what drizzle builds, with its parameters and its row shape intact', async () => {
    const db = drizzle(start());
    const run = (value: number) => db.execute<{ doubled: number; label: string }>(sql`SELECT ${value}::int * 2 AS doubled, 'x' AS label`);
    expect((await run(4)).rows).toEqual([{ doubled: 8, label: 'x' }]);
    expect((await run(5)).rows).toEqual([{ doubled: 10, label: 'x' }]);
    expect(await preparedOn(pool)).toEqual(["SELECT $1::int * 2 AS doubled, 'x' AS label"]);
  });

  it('leaves statements without parameters unnamed, so several in one text still run', async () => {
    start();
    await pool.query('BEGIN; SELECT 1; COMMIT');
    await pool.query({ text: 'SELECT 2 AS two' });
    expect(await preparedOn(pool)).toEqual([]);
  });

  it('runs statements unnamed once it has named as many texts as its capacity', async () => {
    start(1);
    await pool.query('SELECT $1::int AS one', [1]);
    expect((await pool.query<{ two: number }>('SELECT $1::int AS two', [2])).rows).toEqual([{ two: 2 }]);
    expect(await preparedOn(pool)).toEqual(['SELECT $1::int AS one']);
  });

  it('prepares one statement for a membership test, whatever the length of the list (anyOf)', async () => {
    const items = pgTable('items', { id: uuid('id').primaryKey(), n: integer('n').notNull() });
    const db = drizzle(start());
    await db.execute(sql`CREATE TEMP TABLE items (id uuid PRIMARY KEY, n integer NOT NULL)`);
    const ids = ['0190a000-0000-7000-8000-000000000001', '0190a000-0000-7000-8000-000000000002', '0190a000-0000-7000-8000-000000000003'];
    await db.insert(items).values(ids.map((id, n) => ({ id, n })));
    const numbersOf = async (wanted: string[]) =>
      (await db.select({ n: items.n }).from(items).where(anyOf(items.id, wanted)).orderBy(items.n)).map((row) => row.n);
    expect(await numbersOf([ids[0]!])).toEqual([0]);
    expect(await numbersOf([ids[2]!, ids[0]!, '0190a000-0000-7000-8000-00000000000f'])).toEqual([0, 2]);
    expect(await numbersOf([])).toEqual([]);
    expect((await preparedOn(pool)).filter((statement) => statement.includes('ANY'))).toHaveLength(1);
  });

  it('keeps a name the caller chose', async () => {
    start();
    await pool.query({ name: 'chosen', text: 'SELECT $1::text AS echoed', values: ['a'] });
    const { rows } = await pool.query<{ name: string }>('SELECT name FROM pg_prepared_statements');
    expect(rows).toEqual([{ name: 'chosen' }]);
  });

  it('names a statement after its command, so that traces still say what it does', async () => {
    start();
    await pool.query('  select $1::int AS one', [1]);
    const { rows } = await pool.query<{ name: string }>('SELECT name FROM pg_prepared_statements');
    expect(rows).toEqual([{ name: expect.stringMatching(/^SELECT#\d+$/) }]);
  });
});
