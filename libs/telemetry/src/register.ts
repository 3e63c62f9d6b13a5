// The module services load before themselves with `node --import <this file> main.js`, so that
// instrumentation hooks are in place before the app imports pg, express or graphql (the SDK's
// documented way for ES modules). It reads only the standard OTEL_* variables; without an
// endpoint it returns at once and loads nothing.
import { isTelemetryEnabled } from './telemetry.settings';

if (isTelemetryEnabled(process.env)) {
  const { startTelemetry } = await import('./sdk.starter');
  await startTelemetry(process.env, process.argv[1]);
}
