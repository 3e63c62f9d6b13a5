import { type DynamicModule, Module } from '@nestjs/common';
import { ACCOUNTS_SETTINGS, type AccountsSettings } from '../accounts.settings';
import { KeysModule } from '../keys/keys.module';
import { AuthResolver } from './auth.resolver';
import { AuthService } from './auth.service';
import { SESSION_LIMIT_PROVIDERS } from './session-limits';
import { SessionTokens } from './session-tokens.service';

@Module({})
export class SessionModule {
  static forRoot(settings: AccountsSettings): DynamicModule {
    return {
      module: SessionModule,
      imports: [KeysModule.forRoot(settings.signingKey)],
      providers: [{ provide: ACCOUNTS_SETTINGS, useValue: settings }, ...SESSION_LIMIT_PROVIDERS, SessionTokens, AuthService, AuthResolver],
    };
  }
}
