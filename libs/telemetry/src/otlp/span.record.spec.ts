import { spansFromOtlpJson } from './span.record';

describe('an OTLP/JSON trace export', () => {
  it('becomes flat span records with the service, millisecond times, attributes, events and links', () => {
    const [record] = spansFromOtlpJson({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'orders' } }] },
          scopeSpans: [
            {
              spans: [
                {
                  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
                  spanId: '00f067aa0ba902b7',
                  parentSpanId: '00f067aa0ba902b6',
                  name: 'publish orders.order.placed.v1',
                  kind: 4,
                  startTimeUnixNano: '1796037436212000000',
                  endTimeUnixNano: '1796037436214500000',
                  attributes: [
                    { key: 'messaging.system', value: { stringValue: 'rabbitmq' } },
                    { key: 'agora.delivery.attempt', value: { intValue: '2' } },
                  ],
                  events: [
                    { name: 'retry', timeUnixNano: 1796037436213000000, attributes: [{ key: 'delay_ms', value: { intValue: 1000 } }] },
                  ],
                  links: [{ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b5' }],
                  status: { code: 2 },
                },
              ],
            },
          ],
        },
      ],
    });
    expect(record).toEqual({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      parentSpanId: '00f067aa0ba902b6',
      name: 'publish orders.order.placed.v1',
      kind: 4,
      service: 'orders',
      startMs: 1796037436212,
      endMs: 1796037436214.5,
      attributes: { 'messaging.system': 'rabbitmq', 'agora.delivery.attempt': 2 },
      events: [{ name: 'retry', timeMs: 1796037436213, attributes: { delay_ms: 1000 } }],
      links: [{ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b5' }],
      status: 2,
    });
  });
});
