import { type Context, context, propagation, ROOT_CONTEXT, type SpanContext, trace } from '@opentelemetry/api';

/** The W3C trace-context header names, carried in AMQP headers and the envelope. */
export const TRACEPARENT = 'traceparent';
export const TRACESTATE = 'tracestate';

/**
 * Writes the W3C `traceparent` (and `tracestate`) of `ctx` (the active context by default) into
 * `headers`, and returns them. Writes nothing when tracing is off: the propagator is then a no-op.
 */
export function injectTraceContext<Headers extends Record<string, unknown>>(headers: Headers, ctx: Context = context.active()): Headers {
  propagation.inject(ctx, headers);
  return headers;
}

/** The traceparent of `ctx` (the active context by default), if a span is recording or was received. */
export function currentTraceparent(ctx: Context = context.active()): string | undefined {
  const carrier: Record<string, string> = {};
  injectTraceContext(carrier, ctx);
  return carrier[TRACEPARENT];
}

/** The context a message's headers (AMQP header values may arrive as buffers) or a bare traceparent continue. */
export function extractTraceContext(headers: Readonly<Record<string, unknown>> | undefined): Context {
  const carrier: Record<string, string> = {};
  for (const name of [TRACEPARENT, TRACESTATE]) {
    const value = headers?.[name];
    if (typeof value === 'string' || Buffer.isBuffer(value)) carrier[name] = value.toString();
  }
  return propagation.extract(ROOT_CONTEXT, carrier);
}

/** The remote span context a traceparent names, for a span link; undefined when it names none. */
export function spanContextOf(traceparent: string | undefined): SpanContext | undefined {
  if (!traceparent) return undefined;
  return trace.getSpanContext(extractTraceContext({ [TRACEPARENT]: traceparent }));
}
