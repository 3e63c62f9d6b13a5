import { loadServiceConfig, type ServiceConfig } from '@agora/config';
import { type MigrationSet, prepareDatabase } from '@agora/database';
import { runService } from '@agora/runtime';
import { printSubgraphSchema } from '@apollo/subgraph';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';

export interface SubgraphDefinition {
  /** The service name of PRODUCT.md, which also names its database and queue. */
  readonly name: string;
  readonly defaultPort: number;
  /** The service's own drizzle-kit migrations folder, relative to the repository root. */
  readonly migrationsFolder: string;
  /** Further migration sets owned by shared libraries (the messaging kit's outbox and inbox). */
  readonly sharedMigrations?: readonly MigrationSet[];
  readonly module: (config: ServiceConfig) => DynamicModule;
}

export const PRINT_SCHEMA_FLAG = '--print-schema';

/**
 * A subgraph's `main`: with `--print-schema` it prints its federation SDL (for `npm run
 * compose`) without touching any server; otherwise it creates and migrates its database and serves.
 */
export async function runSubgraph(definition: SubgraphDefinition, argv = process.argv, env = process.env): Promise<void> {
  const loadConfig = () => loadServiceConfig(definition.name, definition.defaultPort, env);
  if (argv.includes(PRINT_SCHEMA_FLAG)) {
    process.stdout.write(await printSchema(definition.module(loadConfig())));
    return;
  }
  await runService({
    loadConfig,
    module: definition.module,
    readyPath: '/graphql',
    beforeStart: async (config, logger) => {
      await prepareDatabase({
        url: config.database.url,
        migrations: [{ folder: definition.migrationsFolder }, ...(definition.sharedMigrations ?? [])],
      });
      logger.log(`database "${config.database.name}" is migrated`, 'Bootstrap');
    },
  });
}

/** The subgraph's SDL with its federation directives, printed from the schema Nest built. */
export async function printSchema(module: DynamicModule): Promise<string> {
  const app = await NestFactory.create(module, { logger: false });
  try {
    await app.init();
    return printSubgraphSchema(app.get(GraphQLSchemaHost).schema);
  } finally {
    await app.close();
  }
}
