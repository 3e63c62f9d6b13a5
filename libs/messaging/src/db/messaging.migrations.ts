import type { MigrationSet } from '@agora/database';

/**
 * The kit's outbox and inbox tables. Every service using the kit passes this to `prepareDatabase`
 * after its own set; its own tracking table keeps it independent of the service's migrations.
 */
export const MESSAGING_MIGRATIONS: MigrationSet = {
  folder: 'libs/messaging/drizzle',
  table: '__drizzle_migrations_messaging',
};
