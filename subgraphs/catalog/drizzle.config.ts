import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './subgraphs/catalog/src/db/schema.ts',
  out: './subgraphs/catalog/drizzle',
});
