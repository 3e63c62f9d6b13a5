import { HealthRegistry } from '@agora/health';
import { type DynamicModule, Module } from '@nestjs/common';
import path from 'node:path';
import { SupergraphSource } from './supergraph.source';

@Module({})
export class SupergraphModule {
  static forRoot(supergraphPath: string): DynamicModule {
    return {
      module: SupergraphModule,
      providers: [
        {
          provide: SupergraphSource,
          useFactory: (health: HealthRegistry) => new SupergraphSource(path.resolve(supergraphPath), health),
          inject: [HealthRegistry],
        },
      ],
      exports: [SupergraphSource],
    };
  }
}
