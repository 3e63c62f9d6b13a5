import { createFormatError, edgeServerOptions } from '@agora/graphql';
import { MetricsRegistry } from '@agora/metrics';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { ApolloGatewayDriver, type ApolloGatewayDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Logger } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { Request } from 'express';
import type { GatewayConfig } from '../gateway.config';
import { SupergraphModule } from '../supergraph/supergraph.module';
import { SupergraphSource } from '../supergraph/supergraph.source';
import { installResponseShaping, SHAPED_GATEWAY_VERSION } from './response-shaping.install';
import type { GatewayContext } from './subgraph-data-source';
import { subgraphDataSources } from './subgraph-guards';

/** Errors recorded on a request's span at most: enough to diagnose, bounded for a query that fails everywhere. */
const RECORDED_EXCEPTIONS = 5;

/**
 * Apollo Gateway on `/graphql`, fed by the static supergraph, behind the edge options every Agora
 * server shares (operation limits, CSRF prevention, no batching; in production no suggestions or
 * stack traces). In development a browser GET shows Apollo Sandbox; in production there is no
 * landing page and no introspection unless configured.
 */
export function gatewayGraphQLModule(config: GatewayConfig): DynamicModule {
  const logger = new Logger('Gateway');
  // @apollo/gateway reads this when the gateway is built, from the environment only.
  process.env.APOLLO_TELEMETRY_DISABLED = String(!config.apolloDataCollection);
  const shaping = installResponseShaping();
  if (!shaping.installed)
    logger.warn(`@apollo/gateway ${shaping.version} is not ${SHAPED_GATEWAY_VERSION}: responses are shaped by Apollo's own code`);
  const edge = edgeServerOptions(config.production, config.edge);
  const landingPage = config.sandbox
    ? ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false })
    : ApolloServerPluginLandingPageDisabled();
  return GraphQLModule.forRootAsync<ApolloGatewayDriverConfig>({
    driver: ApolloGatewayDriver,
    imports: [SupergraphModule.forRoot(config.supergraphPath)],
    inject: [SupergraphSource, MetricsRegistry],
    useFactory: (supergraph: SupergraphSource, metrics: MetricsRegistry): ApolloGatewayDriverConfig => ({
      server: {
        path: '/graphql',
        graphiql: false,
        ...edge,
        plugins: [...edge.plugins, landingPage],
        context: ({ req }: { req: Request }): GatewayContext => ({ req }),
        formatError: createFormatError({
          production: config.production,
          onInternalError: (formatted) => logger.error(formatted.message, { path: formatted.path, code: formatted.extensions?.code }),
        }),
      },
      gateway: {
        supergraphSdl: supergraph.hook,
        buildService: subgraphDataSources(config, metrics),
        // Each fetch of a plan carries its parsed document, so a data source reads the operation's
        // kind (query or mutation) from it instead of parsing the text again on every call.
        queryPlannerConfig: { exposeDocumentNodeInFetchNode: true },
        // Apollo Gateway's own spans (request with the operation name, validate, plan, each fetch);
        // they record only when telemetry is started, and never carry the query text.
        telemetry: { includeDocument: false, recordExceptions: RECORDED_EXCEPTIONS },
      },
    }),
  });
}
