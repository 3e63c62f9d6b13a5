import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './subgraphs/accounts/src/db/schema.ts',
  out: './subgraphs/accounts/drizzle',
});
