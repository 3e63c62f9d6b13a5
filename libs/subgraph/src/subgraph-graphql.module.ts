import { createFormatError } from '@agora/graphql';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloFederationDriver, type ApolloFederationDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Logger, type Type } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { Request } from 'express';

export interface SubgraphGraphQLOptions {
  readonly production: boolean;
  /**
   * Entity types that no query or field of this subgraph returns: reachable only through the
   * gateway's `_entities`, so Nest must be told to put them in the schema.
   */
  readonly entities?: readonly Type[];
}

/** What every resolver of a subgraph receives as its GraphQL context. */
export interface SubgraphContext {
  readonly req: Request;
}

/**
 * A Federation 2 subgraph served code-first at `/graphql`. The gateway is its only intended
 * client: no landing page, no inline tracing (ftv1) since nothing reads it, and no cache-control
 * plugin, which costs a policy object and a callback on every resolved field while no type sets a
 * cache hint (the gateway, without the header, treats every answer as uncacheable, as before).
 */
export function subgraphGraphQLModule(options: SubgraphGraphQLOptions): DynamicModule {
  const logger = new Logger('GraphQL');
  return GraphQLModule.forRoot<ApolloFederationDriverConfig>({
    driver: ApolloFederationDriver,
    path: '/graphql',
    autoSchemaFile: { federation: 2 },
    sortSchema: true,
    graphiql: false,
    introspection: !options.production,
    includeStacktraceInErrorResponses: !options.production,
    plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled()],
    buildSchemaOptions: { dateScalarMode: 'isoDate', orphanedTypes: [...(options.entities ?? [])] },
    context: ({ req }: { req: Request }): SubgraphContext => ({ req }),
    formatError: createFormatError({
      production: options.production,
      onInternalError: (formatted, original) => logger.error(formatted.message, original instanceof Error ? original : {}, 'GraphQL'),
    }),
  });
}
