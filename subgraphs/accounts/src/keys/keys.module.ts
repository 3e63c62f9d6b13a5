import { type DynamicModule, Module } from '@nestjs/common';
import type { JWK } from 'jose';
import { JwksController } from './jwks.controller';
import { CONFIGURED_SIGNING_KEY, SigningKeys } from './signing-keys.service';

@Module({})
export class KeysModule {
  /** `signingKey` comes from the environment; without it, keys are generated and stored. */
  static forRoot(signingKey: JWK | undefined): DynamicModule {
    return {
      module: KeysModule,
      controllers: [JwksController],
      providers: [{ provide: CONFIGURED_SIGNING_KEY, useValue: signingKey ?? null }, SigningKeys],
      exports: [SigningKeys],
    };
  }
}
