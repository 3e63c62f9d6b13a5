import { createFormatError } from '@agora/graphql';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloGatewayDriver, type ApolloGatewayDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Logger } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { Request } from 'express';
import type { GatewayConfig } from '../gateway.config';
import { SupergraphModule } from '../supergraph/supergraph.module';
import { SupergraphSource } from '../supergraph/supergraph.source';
import { type GatewayContext, SubgraphDataSource } from './subgraph-data-source';

/**
 * Apollo Gateway on `/graphql`, fed by the static supergraph. In development a browser GET shows
 * Apollo Sandbox; in production there is no landing page and no introspection.
 */
export function gatewayGraphQLModule(config: GatewayConfig): DynamicModule {
  const logger = new Logger('Gateway');
  return GraphQLModule.forRootAsync<ApolloGatewayDriverConfig>({
    driver: ApolloGatewayDriver,
    imports: [SupergraphModule.forRoot(config.supergraphPath)],
    inject: [SupergraphSource],
    useFactory: (supergraph: SupergraphSource): ApolloGatewayDriverConfig => ({
      server: {
        path: '/graphql',
        graphiql: false,
        introspection: !config.production,
        includeStacktraceInErrorResponses: !config.production,
        plugins: config.production ? [] : [ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false })],
        context: ({ req }: { req: Request }): GatewayContext => ({ req }),
        formatError: createFormatError({
          production: config.production,
          onInternalError: (formatted) => logger.error(formatted.message, { path: formatted.path, code: formatted.extensions?.code }),
        }),
      },
      gateway: {
        supergraphSdl: supergraph.hook,
        buildService: ({ name, url }) =>
          new SubgraphDataSource(name, config.subgraphUrls[name] ?? url ?? '', { deduplicate: config.subgraphDeduplication }),
      },
    }),
  });
}
