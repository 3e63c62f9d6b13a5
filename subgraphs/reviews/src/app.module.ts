import type { ServiceConfig } from '@agora/config';
import { DatabaseModule } from '@agora/database';
import { HealthModule } from '@agora/health';
import { subgraphGraphQLModule } from '@agora/subgraph';
import { type DynamicModule, Module } from '@nestjs/common';
import * as schema from './db/schema';
import { Review } from './review/models/review.model';
import { ReviewModule } from './review/review.module';

@Module({})
export class AppModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        HealthModule,
        DatabaseModule.forRoot({ url: config.database.url, schema }),
        subgraphGraphQLModule({ production: config.production, entities: [Review] }),
        ReviewModule,
      ],
    };
  }
}
