import { AuthModule } from '@agora/auth';
import type { ServiceConfig } from '@agora/config';
import { DatabaseModule } from '@agora/database';
import { HealthModule } from '@agora/health';
import { MessagingModule } from '@agora/messaging';
import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { subgraphGraphQLModule } from './subgraph-graphql.module';

/** What makes one subgraph: everything else (health, database, auth, messaging, GraphQL) is shared. */
export interface SubgraphDefinition {
  /** The service's name (README's services table); it also names its database and its queue. */
  readonly name: string;
  readonly defaultPort: number;
  /** The service's own drizzle-kit migrations folder, relative to the repository root. */
  readonly migrationsFolder: string;
  /** The service's drizzle schema module (`import * as schema from './db/schema'`). */
  readonly schema: Record<string, unknown>;
  /** The service's domain modules: resolvers, services and event handlers. */
  readonly modules: readonly (Type | DynamicModule)[];
  /** Entity types no query returns (reachable only through `_entities`). */
  readonly entities?: readonly Type[];
  /**
   * How tokens are verified; by default against accounts' JWKS at `JWKS_URL`. accounts, which
   * holds the keys, verifies against its own key store.
   */
  readonly auth?: DynamicModule;
}

@Module({})
export class SubgraphAppModule {}

/** The root module of a subgraph process, built from its definition and configuration. */
export function subgraphAppModule(definition: SubgraphDefinition, config: ServiceConfig): DynamicModule {
  return {
    module: SubgraphAppModule,
    imports: [
      HealthModule,
      DatabaseModule.forRoot({
        url: config.database.url,
        schema: definition.schema,
        poolSize: config.database.poolSize,
        preparedStatements: config.database.preparedStatements,
      }),
      MessagingModule.forRoot({
        service: config.service,
        url: config.broker.url,
        namespace: config.broker.namespace,
        consumer: { prefetch: config.broker.handlerConcurrency, inboxRetentionMs: config.broker.inboxRetentionMs },
      }),
      definition.auth ?? AuthModule.forRoot({ kind: 'remote', url: config.auth.jwksUrl, refreshIntervalMs: config.auth.jwksRefreshMs }),
      subgraphGraphQLModule({ service: config.service, production: config.production, edge: config.edge, entities: definition.entities }),
      ...definition.modules,
    ],
  };
}
