import { flushTelemetry } from '@agora/telemetry';
import { Module, type OnApplicationShutdown } from '@nestjs/common';

/**
 * Exports the last spans when the service stops: after every module's `beforeApplicationShutdown`
 * (consumers drained, relay flushed), so the spans of that final work are not lost.
 */
@Module({})
export class TelemetryFlushModule implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await flushTelemetry();
  }
}
