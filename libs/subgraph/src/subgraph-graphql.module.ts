import type { EdgeConfig } from '@agora/config';
import { isDatabaseUnavailable } from '@agora/database';
import { createFormatError, edgeServerOptions } from '@agora/graphql';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { ApolloFederationDriver, type ApolloFederationDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Logger, type Type } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { Request } from 'express';
import { subgraphLimits } from './subgraph-limits';

export const SUBGRAPH_GRAPHQL_PATH = '/graphql';

export interface SubgraphGraphQLOptions {
  /** The service name, as errors name it. */
  readonly service: string;
  readonly production: boolean;
  readonly edge: EdgeConfig;
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
 * cache hint (the gateway, without the header, treats every answer as uncacheable, as before). It
 * keeps the edge options of every Agora server, with limits a little looser than the gateway's
 * (see {@link subgraphLimits}).
 */
export function subgraphGraphQLModule(options: SubgraphGraphQLOptions): DynamicModule {
  const logger = new Logger('GraphQL');
  const edge = edgeServerOptions(options.production, options.edge, subgraphLimits(options.edge.limits));
  return GraphQLModule.forRoot<ApolloFederationDriverConfig>({
    driver: ApolloFederationDriver,
    path: SUBGRAPH_GRAPHQL_PATH,
    autoSchemaFile: { federation: 2 },
    sortSchema: true,
    graphiql: false,
    ...edge,
    plugins: [
      ...edge.plugins,
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginLandingPageDisabled(),
    ],
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
