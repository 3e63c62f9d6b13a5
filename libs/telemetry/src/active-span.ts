import { type Attributes, context, isSpanContextValid, propagation, ProxyTracerProvider, trace } from '@opentelemetry/api';
import { CORRELATION_ID_ATTRIBUTE } from './telemetry.settings';

/** How long a stopping service waits for its last spans to be exported. */
export const FLUSH_TIMEOUT_MS = 3_000;

/** The trace and span ids of the span in progress, for log lines; undefined when none is (or telemetry is off). */
export function activeSpanIds(): { readonly traceId: string; readonly spanId: string } | undefined {
  const context = trace.getActiveSpan()?.spanContext();
  return context && isSpanContextValid(context) ? { traceId: context.traceId, spanId: context.spanId } : undefined;
}

/** Sets attributes on the span in progress, if any. */
export function annotateActiveSpan(attributes: Attributes): void {
  trace.getActiveSpan()?.setAttributes(attributes);
}

/** Marks the span in progress with the request's correlation id, so `npm run trace <id>` finds it. */
export function tagCorrelationId(correlationId: string): void {
  annotateActiveSpan({ [CORRELATION_ID_ATTRIBUTE]: correlationId });
}

/**
 * Exports the spans still buffered, within `FLUSH_TIMEOUT_MS`; a no-op when telemetry is off.
 * Called last at shutdown, after in-flight requests and deliveries have finished.
 */
export async function flushTelemetry(): Promise<void> {
  const global = trace.getTracerProvider();
  const provider = global instanceof ProxyTracerProvider ? global.getDelegate() : global;
  const flush = (provider as { forceFlush?: () => Promise<void> }).forceFlush;
  if (typeof flush !== 'function') return;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, FLUSH_TIMEOUT_MS);
  });
  await Promise.race([flush.call(provider).catch(() => undefined), timeout]);
  clearTimeout(timer);
}

/**
 * Writes the W3C trace context of the span in progress into outgoing HTTP headers (a no-op when
 * telemetry is off). For calls made with Node's own `fetch`, which the HTTP instrumentation does
 * not see: the gateway's subgraph calls.
 */
export function injectTraceHeaders(headers: { set(name: string, value: string): void }): void {
  propagation.inject(context.active(), headers, { set: (carrier, name, value) => carrier.set(name, value) });
}
