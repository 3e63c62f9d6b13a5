import { requireGatewayCredential } from '@agora/auth';
import { loadServiceConfig } from '@agora/config';
import { prepareDatabase } from '@agora/database';
import { MESSAGING_MIGRATIONS, MessagingRuntime } from '@agora/messaging';
import { runService } from '@agora/runtime';
import { printSubgraphSchema } from '@apollo/subgraph';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { subgraphAppModule, type SubgraphDefinition } from './subgraph-app.module';
import { SUBGRAPH_GRAPHQL_PATH } from './subgraph-graphql.module';

export const PRINT_SCHEMA_FLAG = '--print-schema';

/**
 * A subgraph's `main`: with `--print-schema` it prints its federation SDL (for `npm run
 * compose`) without touching any server. Otherwise it creates and migrates its database (its own
 * tables and the messaging kit's outbox and inbox), serves GraphQL (only to the gateway when
 * `SUBGRAPH_SECRET` is set, as it must be in production), and starts the outbox relay and its
 * event consumers.
 */
export async function runSubgraph(definition: SubgraphDefinition, argv = process.argv, env = process.env): Promise<void> {
  const loadConfig = () => loadServiceConfig(definition.name, definition.defaultPort, env);
  if (argv.includes(PRINT_SCHEMA_FLAG)) {
    process.stdout.write(await printSchema(subgraphAppModule(definition, loadConfig())));
    return;
  }
  const app = await runService({
    loadConfig,
    module: (config) => subgraphAppModule(definition, config),
    readyPath: SUBGRAPH_GRAPHQL_PATH,
    configure: (app, config) => {
      if (config.edge.subgraphSecret) app.use(SUBGRAPH_GRAPHQL_PATH, requireGatewayCredential(config.edge.subgraphSecret));
    },
    beforeStart: async (config, logger) => {
      await prepareDatabase({ url: config.database.url, migrations: [{ folder: definition.migrationsFolder }, MESSAGING_MIGRATIONS] });
      logger.log(`database "${config.database.name}" is migrated`, 'Bootstrap');
    },
  });
  await app.get(MessagingRuntime).start(app);
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
