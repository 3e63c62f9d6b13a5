import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';
import type { IncomingMessage } from 'node:http';
import { register } from 'node:module';
import { serviceNameOf } from './telemetry.settings';

/** Modules whose ES-module imports the loader hook wraps; everything else loads untouched. */
const HOOKED_MODULES = ['pg', 'pg-pool', 'express', 'graphql', 'http', 'https'];

/** Probes and scrapes are not traffic: tracing them would bury the requests that matter. */
const UNTRACED_PATHS = ['/health/', '/metrics'];

/**
 * Starts the OpenTelemetry Node SDK: traces exported over OTLP as the OTEL_* variables say
 * (endpoint, `http/protobuf` or `http/json`, sampler, …). Metrics stay with Prometheus at
 * `/metrics` and logs are JSON lines on standard output, so the SDK's own metric and log
 * exporters default to `none` (set OTEL_METRICS_EXPORTER / OTEL_LOGS_EXPORTER to change that).
 */
export async function startTelemetry(env: NodeJS.ProcessEnv, entryPoint: string | undefined): Promise<void> {
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url, { data: { include: HOOKED_MODULES } });
  env.OTEL_METRICS_EXPORTER ??= 'none';
  env.OTEL_LOGS_EXPORTER ??= 'none';
  const sdk = new NodeSDK({
    ...(env.OTEL_SERVICE_NAME ? {} : { serviceName: serviceNameOf(entryPoint) }),
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request: IncomingMessage) => UNTRACED_PATHS.some((prefix) => request.url?.startsWith(prefix)),
      }),
      // Only the routed handler: a span per middleware would cost more than it tells.
      new ExpressInstrumentation({ ignoreLayersType: [ExpressLayerType.MIDDLEWARE] }),
      // Parse, validate and execute with the operation name; one span per resolver would dwarf the work.
      new GraphQLInstrumentation({ ignoreResolveSpans: true, mergeItems: true }),
      // Only queries inside a traced request or delivery: the relay's polling is not a story to tell.
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
}
