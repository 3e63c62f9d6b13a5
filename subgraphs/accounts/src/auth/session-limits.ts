import { RateLimiter, RateLimitStore } from '@agora/rate-limit';
import type { Provider } from '@nestjs/common';
import { ACCOUNTS_SETTINGS, type AccountsSettings } from '../accounts.settings';

/** The budgets of accounts' public doors: logIn per e-mail, signUp per client address. */
export class SessionLimits {
  constructor(
    readonly logIn: RateLimiter,
    readonly signUp: RateLimiter,
  ) {}
}

/** The store (memory, or Redis shared by replicas) and the limiters, for SessionModule. */
export const SESSION_LIMIT_PROVIDERS: Provider[] = [
  {
    provide: RateLimitStore,
    inject: [ACCOUNTS_SETTINGS],
    useFactory: ({ rateLimits }: AccountsSettings) =>
      RateLimitStore.create(rateLimits.login || rateLimits.signUp ? rateLimits.redisUrl : undefined, rateLimits.prefix),
  },
  {
    provide: SessionLimits,
    inject: [ACCOUNTS_SETTINGS, RateLimitStore],
    useFactory: ({ rateLimits }: AccountsSettings, store: RateLimitStore) =>
      new SessionLimits(
        new RateLimiter({ name: 'login', what: 'log-in attempts for this e-mail', budget: rateLimits.login, store }),
        new RateLimiter({ name: 'signup', what: 'sign-ups from your address', budget: rateLimits.signUp, store }),
      ),
  },
];
