import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The standard variables that name where traces go. Without one of them the SDK is not started
 * at all: no instrumentation is loaded and nothing is exported.
 * https://opentelemetry.io/docs/specs/otel/protocol/exporter/
 */
export const OTLP_ENDPOINT_VARIABLES = ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'] as const;

/** Span attribute that carries the request's correlation id, so a saga is found by either id. */
export const CORRELATION_ID_ATTRIBUTE = 'agora.correlation_id';

/** True when `OTEL_SDK_DISABLED` turns the SDK off, whatever else is set. */
export function isTelemetryDisabled(env: NodeJS.ProcessEnv): boolean {
  return env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true';
}

/** True when an OTLP endpoint is configured and `OTEL_SDK_DISABLED` does not turn the SDK off. */
export function isTelemetryEnabled(env: NodeJS.ProcessEnv): boolean {
  if (isTelemetryDisabled(env)) return false;
  return OTLP_ENDPOINT_VARIABLES.some((name) => (env[name]?.trim() ?? '') !== '');
}

/**
 * The service name used when `OTEL_SERVICE_NAME` is not set, read from the entry point: the
 * bundle's name (`dist/services/orders.js` is `orders`), or the service's folder for a compiled
 * entry point run directly (`dist/subgraphs/orders/src/main.js` is `orders`).
 */
export function serviceNameOf(entryPoint: string | undefined): string {
  if (!entryPoint) return 'agora';
  const parts = path.resolve(entryPoint).split(path.sep);
  const base = path.basename(entryPoint, path.extname(entryPoint));
  if (parts.at(-2) === 'services') return base;
  const src = parts.lastIndexOf('src');
  return (src > 0 ? parts[src - 1] : undefined) ?? base;
}

/** The compiled `--import` module that starts telemetry before a service (see register.ts). */
export const TELEMETRY_REGISTER_MODULE = 'dist/libs/telemetry/src/register.js';

/** Node's arguments that load telemetry before a service's entry point, for every launcher. */
export function telemetryNodeArguments(root: string): string[] {
  return ['--import', pathToFileURL(path.join(root, TELEMETRY_REGISTER_MODULE)).href];
}
