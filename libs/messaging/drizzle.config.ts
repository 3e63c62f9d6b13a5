import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './libs/messaging/src/db/messaging.schema.ts',
  out: './libs/messaging/drizzle',
});
