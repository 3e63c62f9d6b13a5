import { isTelemetryDisabled, isTelemetryEnabled, SpanFileStore, startOtlpReceiver } from '@agora/telemetry';
import path from 'node:path';

/** Where `npm start` keeps recent spans and `npm run trace` reads them (git-ignored). */
export function traceStoreFolder(root: string): string {
  return path.join(root, 'tmp/traces');
}

/**
 * Runs, inside `npm start`, a local OTLP/HTTP receiver that appends the services' spans to a
 * bounded store, and returns the OTEL_* variables that point the services at it. When the
 * environment already names an OTLP endpoint (Jaeger, a collector) or disables the SDK, that
 * choice stands and nothing is started.
 */
export async function startTraceStore(
  root: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ env: Record<string, string>; note: string }> {
  if (isTelemetryDisabled(env)) return { env: {}, note: 'tracing is off (OTEL_SDK_DISABLED)' };
  if (isTelemetryEnabled(env)) return { env: {}, note: 'traces go to the OTLP endpoint set in the environment' };
  const store = new SpanFileStore(traceStoreFolder(root));
  const receiver = await startOtlpReceiver({ onSpans: (spans) => store.append(spans) });
  return {
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' },
    note: `traces are kept in ${path.relative(root, store.folder)}: \`npm run trace -- <correlation id | trace id>\``,
  };
}
