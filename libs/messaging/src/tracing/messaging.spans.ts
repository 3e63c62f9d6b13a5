import type { EventEnvelope } from '@agora/contracts';
import { CORRELATION_ID_ATTRIBUTE } from '@agora/telemetry';
import { type Attributes, context, type Link, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { currentTraceparent, extractTraceContext, injectTraceContext, spanContextOf, TRACEPARENT } from './trace-context';

/**
 * Spans of the event path, named and attributed after OpenTelemetry's messaging conventions
 * (https://opentelemetry.io/docs/specs/semconv/messaging/messaging-spans/). When tracing is off
 * every helper runs its work directly and records nothing.
 */
const tracer = trace.getTracer('@agora/messaging');

const MESSAGING_SYSTEM = { 'messaging.system': 'rabbitmq' } as const;

function envelopeAttributes(envelope: Pick<EventEnvelope, 'id' | 'type' | 'correlationid'>): Attributes {
  return {
    ...MESSAGING_SYSTEM,
    'messaging.message.id': envelope.id,
    'messaging.rabbitmq.destination.routing_key': envelope.type,
    [CORRELATION_ID_ATTRIBUTE]: envelope.correlationid,
  };
}

/** Runs `work` as the span's active context; records a failure on the span, and always ends it. */
async function within<T>(span: Span, work: () => Promise<T>): Promise<T> {
  try {
    return await context.with(trace.setSpan(context.active(), span), work);
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    throw error;
  } finally {
    span.end();
  }
}

/**
 * `create <type>`: recording an event in the outbox, a child of the request or delivery that
 * caused it. `work` gets this span's traceparent, which the envelope stores so that the relay and
 * every consumer continue the trace later, in other transactions and processes.
 */
export function withRecordSpan<T>(type: string, work: (traceparent: string | undefined) => Promise<T>): Promise<T> {
  const span = tracer.startSpan(`create ${type}`, {
    kind: SpanKind.PRODUCER,
    attributes: { ...MESSAGING_SYSTEM, 'messaging.operation.type': 'create', 'messaging.rabbitmq.destination.routing_key': type },
  });
  return within(span, () => work(currentTraceparent()));
}

/**
 * `publish <type>`: the relay sending one outbox row, possibly long after it was recorded. It
 * continues the recorded context (its parent, so the saga reads as one trace) and links to it
 * (as the messaging conventions ask of a publish that is not the creation). `work` gets the AMQP
 * headers carrying this span's traceparent.
 */
export function withPublishSpan<T>(
  envelope: Pick<EventEnvelope, 'id' | 'type' | 'correlationid' | 'traceparent'>,
  exchange: string,
  work: (headers: Record<string, string>) => Promise<T>,
): Promise<T> {
  const recorded = spanContextOf(envelope.traceparent);
  const links: Link[] = recorded ? [{ context: recorded, attributes: { 'agora.link': 'recorded' } }] : [];
  const parent = extractTraceContext({ [TRACEPARENT]: envelope.traceparent });
  const span = tracer.startSpan(
    `publish ${envelope.type}`,
    {
      kind: SpanKind.PRODUCER,
      links,
      attributes: { ...envelopeAttributes(envelope), 'messaging.operation.type': 'send', 'messaging.destination.name': exchange },
    },
    parent,
  );
  return within(span, () => work(injectTraceContext({})));
}

/**
 * `process <type>`: one delivery, continuing the context its AMQP headers carry (the relay's
 * publish), or the envelope's when headers have none (a message published by other means). Logs
 * and follow-up events of the handler belong to it. Retries and parking are events on it.
 */
export function withConsumeSpan<T>(
  envelope: EventEnvelope,
  headers: Readonly<Record<string, unknown>> | undefined,
  queue: string,
  attempt: number,
  work: () => Promise<T>,
): Promise<T> {
  let parent = extractTraceContext(headers);
  if (!trace.getSpanContext(parent)) parent = extractTraceContext({ [TRACEPARENT]: envelope.traceparent });
  const span = tracer.startSpan(
    `process ${envelope.type}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        ...envelopeAttributes(envelope),
        'messaging.operation.type': 'process',
        'messaging.destination.name': queue,
        'agora.delivery.attempt': attempt,
        'agora.delivery.lag_ms': Math.max(0, Date.now() - Date.parse(envelope.time)),
      },
    },
    parent,
  );
  return within(span, async () => {
    const outcome = await work();
    if (typeof outcome === 'string') span.setAttribute('agora.delivery.outcome', outcome);
    return outcome;
  });
}

/** `inbox <type>`: the handler's transaction, which commits the inbox row with the handler's effects. */
export function withInboxSpan<T>(envelope: Pick<EventEnvelope, 'id' | 'type'>, consumer: string, work: () => Promise<T>): Promise<T> {
  const span = tracer.startSpan(`inbox ${envelope.type}`, {
    kind: SpanKind.INTERNAL,
    attributes: { 'messaging.message.id': envelope.id, 'messaging.consumer.group.name': consumer },
  });
  return within(span, work);
}

/** Notes a retry or parking on the delivery's span. */
export function addDeliveryEvent(name: 'retry' | 'parked', attributes: Attributes): void {
  trace.getActiveSpan()?.addEvent(name, attributes);
}
