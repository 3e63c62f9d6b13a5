import { isDatabaseUnavailable } from '@agora/database';
import { createFormatError } from '@agora/graphql';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { ApolloFederationDriver, type ApolloFederationDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Logger, type Type } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { Request } from 'express';

export interface SubgraphGraphQLOptions {
  /** The service name, as errors name it. */
  readonly service: string;
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
 * client: no landing page, and no inline tracing (ftv1) since nothing reads it.
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
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    buildSchemaOptions: { dateScalarMode: 'isoDate', orphanedTypes: [...(options.entities ?? [])] },
    context: ({ req }: { req: Request }): SubgraphContext => ({ req }),
    formatError: createFormatError({
      production: options.production,
      onInternalError: (formatted, original) => logger.error(formatted.message, original instanceof Error ? original : {}, 'GraphQL'),
      unavailable: (original) => {
        if (!isDatabaseUnavailable(original)) return undefined;
        logger.warn(`the ${options.service} database is unavailable: ${original instanceof Error ? original.message : String(original)}`);
        return `The ${options.service} database is unavailable, so the request could not be completed; retry in a moment.`;
      },
    }),
  });
}
