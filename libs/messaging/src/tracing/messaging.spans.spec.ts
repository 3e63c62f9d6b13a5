import type { EventEnvelope } from '@agora/contracts';
import { context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { addDeliveryEvent, withConsumeSpan, withInboxSpan, withPublishSpan, withRecordSpan } from './messaging.spans';

const TYPE = 'orders.order.placed.v1';

function envelope(traceparent?: string): EventEnvelope {
  return {
    specversion: '1.0',
    id: '01a22c35-2969-7647-8f54-31374cc7514a',
    type: TYPE,
    source: 'orders',
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    data: {},
    correlationid: 'req-1',
    ...(traceparent ? { traceparent } : {}),
  };
}

describe('the spans of the event path', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const finished = (name: string) => exporter.getFinishedSpans().find((span) => span.name === name)!;

  // The tracer provider, W3C propagator and context manager the SDK registers in a service.
  beforeAll(() => provider.register());
  afterEach(() => exporter.reset());
  afterAll(async () => {
    await provider.shutdown();
    trace.disable();
    propagation.disable();
    context.disable();
  });

  it("records an event as a child of the request, and hands over the recording span's traceparent", async () => {
    const traceparent = await trace.getTracer('test').startActiveSpan('POST /graphql', async (request) => {
      const recorded = await withRecordSpan(TYPE, async (traceparent) => traceparent);
      request.end();
      return recorded;
    });
    const record = finished(`create ${TYPE}`);
    expect(record.parentSpanContext?.spanId).toBe(finished('POST /graphql').spanContext().spanId);
    expect(traceparent).toBe(`00-${record.spanContext().traceId}-${record.spanContext().spanId}-01`);
  });

  it('publishes as a continuation of the recording, linked to it, with its own traceparent in the headers', async () => {
    const recorded = await withRecordSpan(TYPE, async (traceparent) => traceparent);
    const headers = await withPublishSpan(envelope(recorded), 'agora.events', async (headers) => headers);
    const record = finished(`create ${TYPE}`).spanContext();
    const publish = finished(`publish ${TYPE}`);
    expect(publish.parentSpanContext?.spanId).toBe(record.spanId);
    expect(publish.links.map((link) => link.context.spanId)).toEqual([record.spanId]);
    expect(headers.traceparent).toBe(`00-${record.traceId}-${publish.spanContext().spanId}-01`);
  });

  it('continues the delivery from its headers, notes a retry on it, and nests the inbox transaction', async () => {
    const recorded = await withRecordSpan(TYPE, async (traceparent) => traceparent);
    const headers = await withPublishSpan(envelope(recorded), 'agora.events', async (headers) => headers);
    const outcome = await withConsumeSpan(envelope(recorded), headers, 'agora.inventory', 2, async () => {
      addDeliveryEvent('retry', { attempt: 2, delay_ms: 1000 });
      return withInboxSpan(envelope(recorded), 'inventory', async () => 'handled');
    });
    expect(outcome).toBe('handled');
    const process = finished(`process ${TYPE}`);
    expect(process.parentSpanContext?.spanId).toBe(finished(`publish ${TYPE}`).spanContext().spanId);
    expect(process.attributes).toMatchObject({
      'agora.delivery.attempt': 2,
      'agora.delivery.outcome': 'handled',
      'agora.correlation_id': 'req-1',
    });
    expect(process.events.map((event) => [event.name, event.attributes])).toEqual([['retry', { attempt: 2, delay_ms: 1000 }]]);
    expect(finished(`inbox ${TYPE}`).parentSpanContext?.spanId).toBe(process.spanContext().spanId);
  });

  it("continues the envelope's context when the message headers carry none", async () => {
    const recorded = await withRecordSpan(TYPE, async (traceparent) => traceparent);
    await withConsumeSpan(envelope(recorded), {}, 'agora.inventory', 1, async () => 'handled');
    expect(finished(`process ${TYPE}`).parentSpanContext?.spanId).toBe(finished(`create ${TYPE}`).spanContext().spanId);
  });

  it('marks a failed handler on its span and rethrows', async () => {
    await expect(withConsumeSpan(envelope(), {}, 'agora.inventory', 1, () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(finished(`process ${TYPE}`).status).toMatchObject({ code: 2, message: 'boom' });
  });
});
