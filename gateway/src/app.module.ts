import { AuthModule } from '@agora/auth';
import { HealthModule } from '@agora/health';
import { type DynamicModule, Module } from '@nestjs/common';
import type { GatewayConfig } from './gateway.config';
import { gatewayGraphQLModule } from './graphql/gateway-graphql.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';

@Module({})
export class AppModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        HealthModule,
        RateLimitModule.forRoot(config),
        // Refuses a forged or expired token before planning the query; subgraphs verify it again.
        AuthModule.forRoot({ kind: 'remote', url: config.auth.jwksUrl, refreshIntervalMs: config.auth.jwksRefreshMs }),
        gatewayGraphQLModule(config),
      ],
    };
  }
}
