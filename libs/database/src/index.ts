export { anyOf } from './any-of';
export { isDatabaseUnavailable } from './database-unavailable';
export { DatabaseUnreachableError, MigrationError } from './database.errors';
export {
  DATABASE,
  DATABASE_POOL,
  type Database,
  DatabaseModule,
  type DatabaseModuleOptions,
  DEFAULT_POOL_SIZE,
  InjectDatabase,
} from './database.module';
export { PgErrorCode, pgErrorCode } from './pg-errors';
export { type Transaction, transactionOn } from './transaction-on';
export {
  databaseName,
  dropDatabase,
  listDatabases,
  type MigrationSet,
  prepareDatabase,
  type PrepareDatabaseOptions,
  withDatabase,
} from './prepare-database';
