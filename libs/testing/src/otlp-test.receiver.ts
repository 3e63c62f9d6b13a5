import { type OtlpReceiver, type SpanRecord, startOtlpReceiver } from '@agora/telemetry';

/** Spans a test keeps at most; older ones are dropped first. */
const KEPT_SPANS = 50_000;
/** How long services batch spans before exporting them, in a test that waits for them. */
const TEST_EXPORT_DELAY_MS = 200;

/**
 * An OTLP/HTTP receiver of a test's own: pass `env` to the services of a `TestSystem` and read
 * what they exported from `spans`. `protocol` is the encoding `env` asks the services for.
 */
export class OtlpTestReceiver {
  readonly spans: SpanRecord[] = [];
  private receiver?: OtlpReceiver;

  constructor(readonly protocol: 'http/json' | 'http/protobuf' = 'http/json') {}

  async start(): Promise<this> {
    this.receiver = await startOtlpReceiver({
      onSpans: (spans) => {
        this.spans.push(...spans);
        if (this.spans.length > KEPT_SPANS) this.spans.splice(0, this.spans.length - KEPT_SPANS);
      },
    });
    return this;
  }

  /** The standard OTEL_* variables that send a service's traces here. */
  get env(): Record<string, string> {
    if (!this.receiver) throw new Error('start the receiver first');
    return {
      OTEL_EXPORTER_OTLP_ENDPOINT: this.receiver.endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: this.protocol,
      OTEL_BSP_SCHEDULE_DELAY: String(TEST_EXPORT_DELAY_MS),
    };
  }

  async stop(): Promise<void> {
    await this.receiver?.close();
  }
}
