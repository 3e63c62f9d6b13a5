import { CORRELATION_ID_ATTRIBUTE } from '../telemetry.settings';
import { causalOrder, renderWaterfall, sagaSpans } from './saga.waterfall';
import type { SpanRecord } from './span.record';

function span(fields: Partial<SpanRecord> & Pick<SpanRecord, 'traceId' | 'spanId' | 'name'>): SpanRecord {
  return { kind: 1, service: 'orders', startMs: 0, endMs: 1, attributes: {}, events: [], links: [], status: 0, ...fields };
}

const request = span({
  traceId: 't1',
  spanId: 'a',
  name: 'POST /graphql',
  service: 'gateway',
  attributes: { [CORRELATION_ID_ATTRIBUTE]: 'req-1' },
  endMs: 10,
});
const record = span({ traceId: 't1', spanId: 'b', parentSpanId: 'a', name: 'create orders.order.placed.v1', startMs: 2, endMs: 3 });
const publish = span({
  traceId: 't2',
  spanId: 'c',
  name: 'publish orders.order.placed.v1',
  startMs: 5,
  endMs: 6,
  links: [{ traceId: 't1', spanId: 'b' }],
});
const consume = span({
  traceId: 't2',
  spanId: 'd',
  parentSpanId: 'c',
  name: 'process orders.order.placed.v1',
  service: 'inventory',
  startMs: 7,
  endMs: 9,
  events: [{ name: 'retry', timeMs: 8, attributes: { attempt: 1 } }],
});
const unrelated = span({ traceId: 't3', spanId: 'e', name: 'GET /other' });

describe('a saga waterfall', () => {
  it('finds the saga by correlation id or trace id, following span links across traces', () => {
    const all = [unrelated, consume, publish, record, request];
    expect(
      sagaSpans(all, 'req-1')
        .map((s) => s.spanId)
        .sort(),
    ).toEqual(['a', 'b', 'c', 'd']);
    expect(
      sagaSpans(all, 't2')
        .map((s) => s.spanId)
        .sort(),
    ).toEqual(['a', 'b', 'c', 'd']);
    expect(sagaSpans(all, 'nobody')).toEqual([]);
  });

  it('orders spans so that each follows its parent or the span it links to', () => {
    expect(causalOrder([consume, publish, record, request]).map(({ span, depth }) => `${depth} ${span.name}`)).toEqual([
      '0 POST /graphql',
      '1 create orders.order.placed.v1',
      '2 publish orders.order.placed.v1',
      '3 process orders.order.placed.v1',
    ]);
  });

  it('draws one line per span with its offset, service and name, and its events beneath', () => {
    const lines = renderWaterfall([request, record, publish, consume]).split('\n');
    expect(lines[0]).toMatch(/^4 spans, 3 services, 10\.0ms {2}\(trace t1, t2\)/);
    expect(lines[4]).toMatch(/^ +\+7\.0ms +2\.0ms │ {28}█{8} {4}│ {7}inventory: process orders\.order\.placed\.v1$/);
    expect(lines[5]).toMatch(/· retry attempt=1$/);
  });
});
