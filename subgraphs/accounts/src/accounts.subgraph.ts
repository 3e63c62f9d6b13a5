import { AuthModule } from '@agora/auth';
import type { SubgraphDefinition } from '@agora/subgraph';
import { ACCOUNTS_DEFAULT_PORT, type AccountsSettings } from './accounts.settings';
import { SessionModule } from './auth/session.module';
import * as schema from './db/schema';
import { KeysModule } from './keys/keys.module';
import { SigningKeys } from './keys/signing-keys.service';
import { UserModule } from './user/user.module';

/**
 * The accounts subgraph: users, sign-up and log-in, and the signing keys. It verifies tokens
 * against its own key store rather than its own JWKS over HTTP.
 */
export function accountsSubgraph(settings: AccountsSettings): SubgraphDefinition {
  return {
    name: 'accounts',
    defaultPort: ACCOUNTS_DEFAULT_PORT,
    migrationsFolder: 'subgraphs/accounts/drizzle',
    schema,
    modules: [UserModule, SessionModule.forRoot(settings)],
    auth: AuthModule.forRootAsync({
      imports: [KeysModule.forRoot(settings.signingKey)],
      inject: [SigningKeys],
      useFactory: (keys: SigningKeys) => ({ kind: 'local', jwks: () => keys.publicJwks() }),
    }),
  };
}
