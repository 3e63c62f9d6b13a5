import {
  type DynamicModule,
  type FactoryProvider,
  Global,
  Inject,
  type MiddlewareConsumer,
  Module,
  type ModuleMetadata,
  type NestModule,
} from '@nestjs/common';
import { authenticate } from './auth.middleware';
import { type KeySource, TokenVerifier } from './token-verifier';

/** Key source built from other providers, e.g. accounts' own key store. */
export interface AuthModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  readonly inject: FactoryProvider['inject'];
  readonly useFactory: (...dependencies: never[]) => KeySource;
}

/** Authenticates every request to `/graphql` with a {@link TokenVerifier}; see `authenticate`. */
@Global()
@Module({})
export class AuthModule implements NestModule {
  constructor(@Inject(TokenVerifier) private readonly verifier: TokenVerifier) {}

  static forRoot(keys: KeySource): DynamicModule {
    return AuthModule.forRootAsync({ inject: [], useFactory: () => keys });
  }

  static forRootAsync(options: AuthModuleAsyncOptions): DynamicModule {
    return {
      module: AuthModule,
      imports: options.imports ?? [],
      providers: [
        {
          provide: TokenVerifier,
          inject: options.inject ?? [],
          useFactory: (...dependencies: never[]) => new TokenVerifier(options.useFactory(...dependencies)),
        },
      ],
      exports: [TokenVerifier],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(authenticate(this.verifier)).forRoutes('graphql');
  }
}
