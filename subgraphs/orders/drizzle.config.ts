import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './subgraphs/orders/src/db/schema.ts',
  out: './subgraphs/orders/drizzle',
});
