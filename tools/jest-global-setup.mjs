// Before a test run: drop test databases that a crashed or killed earlier run left behind.
// A test namespace is `agora_test_<Date.now() in base 36><random>`, so its age is in its name;
// only those older than an hour are dropped, never those of a run going on beside this one.
import pg from 'pg';

const PREFIX = 'agora_test_';
const STALE_AFTER_MS = 60 * 60 * 1000;
const NOT_A_TIMESTAMP_AFTER_MS = 30 * 24 * 60 * 60 * 1000;
const TIMESTAMP_LENGTH = Date.now().toString(36).length;

export default async function dropStaleTestDatabases() {
  const server = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@localhost:5432');
  server.pathname = '/postgres';
  const client = new pg.Client({ connectionString: server.toString() });
  try {
    await client.connect();
    const { rows } = await client.query('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [PREFIX]);
    for (const { datname } of rows) {
      const createdAt = parseInt(datname.slice(PREFIX.length, PREFIX.length + TIMESTAMP_LENGTH), 36);
      const age = Date.now() - createdAt;
      // A name without a time in it (some suites use random suffixes) parses to a date long past:
      // only ages of an hour to a month are taken as real.
      if (!Number.isFinite(age) || age < STALE_AFTER_MS || age > NOT_A_TIMESTAMP_AFTER_MS) continue;
      await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(datname)} WITH (FORCE)`);
      console.log(`dropped stale test database ${datname}`);
    }
  } catch (error) {
    // Not fatal here: the tests that need PostgreSQL fail with their own, clearer message.
    console.warn(`could not sweep stale test databases: ${error.message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}
