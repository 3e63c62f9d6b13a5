import { type DynamicModule, Global, Module } from '@nestjs/common';
import { type MessagingOptions, resolveMessagingOptions } from './messaging.options';
import { MESSAGING_OPTIONS, MessagingRuntime } from './messaging.runtime';
import { Outbox } from './outbox/outbox';

/**
 * The messaging kit for one service: `Outbox` to record events, `MessagingRuntime` to start and
 * stop the relay and consumer. Needs `DatabaseModule` (its pool and drizzle instance); registers
 * the `broker` readiness check when `HealthModule` is present.
 */
@Global()
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      providers: [{ provide: MESSAGING_OPTIONS, useValue: resolveMessagingOptions(options) }, Outbox, MessagingRuntime],
      exports: [Outbox, MessagingRuntime],
    };
  }
}
