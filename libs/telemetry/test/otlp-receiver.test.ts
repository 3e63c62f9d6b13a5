import { startOtlpReceiver } from '../src/otlp/otlp.receiver';
import type { SpanRecord } from '../src/otlp/span.record';
import { TELEMETRY_REGISTER_MODULE } from '../src/telemetry.settings';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Longer than a healthy receiver takes to answer one export: a test that waits this long has found a hang. */
const EXPORT_TIMEOUT_MS = 10_000;

/**
 * Records three spans with the SDK as a service would (a span the third links to, a parent and a
 * child carrying every attribute type, an event and an error status), and exports them at once.
 */
const PROBE = `
const { SpanKind, SpanStatusCode, trace } = await import('@opentelemetry/api');
const tracer = trace.getTracer('probe');
const linked = tracer.startSpan('linked');
linked.end();
tracer.startActiveSpan('parent', (parent) => {
  const child = tracer.startSpan('child', {
    kind: SpanKind.CLIENT,
    links: [{ context: linked.spanContext() }],
    attributes: { text: 'ü', count: -3, large: 2 ** 40, ratio: 0.5, flag: true, list: ['x', 'y'] },
  });
  child.addEvent('retry', { attempt: 2 });
  child.setStatus({ code: SpanStatusCode.ERROR });
  child.end();
  parent.end();
});
await trace.getTracerProvider().getDelegate().forceFlush();
`;

/** The spans the probe exports to a receiver of Agora's over OTLP/HTTP in `protocol`. */
async function exportedSpans(protocol: string): Promise<SpanRecord[]> {
  const spans: SpanRecord[] = [];
  const receiver = await startOtlpReceiver({ onSpans: (received) => spans.push(...received) });
  try {
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('OTEL_')));
    const register = pathToFileURL(path.join(process.cwd(), TELEMETRY_REGISTER_MODULE)).href;
    await run(process.execPath, ['--import', register, '--input-type=module', '-e', PROBE], {
      env: {
        ...env,
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
        OTEL_EXPORTER_OTLP_PROTOCOL: protocol,
        OTEL_SERVICE_NAME: 'probe-service',
      },
      timeout: 20_000,
    });
  } finally {
    await receiver.close();
  }
  return spans;
}

describe('the local OTLP receiver', () => {
  it.each(['http/protobuf', 'http/json'])('reads every field Agora keeps from an export in %s', async (protocol) => {
    const before = Date.now();
    const spans = await exportedSpans(protocol);
    const after = Date.now();
    const byName = new Map(spans.map((span) => [span.name, span]));
    expect([...byName.keys()].sort()).toEqual(['child', 'linked', 'parent']);
    const [linked, parent, child] = [byName.get('linked')!, byName.get('parent')!, byName.get('child')!];

    expect(spans.every((span) => span.service === 'probe-service')).toBe(true);
    expect(child).toMatchObject({
      traceId: parent.traceId,
      parentSpanId: parent.spanId,
      kind: 3,
      status: 2,
      attributes: { text: 'ü', count: -3, large: 2 ** 40, ratio: 0.5, flag: true, list: ['x', 'y'] },
      links: [{ traceId: linked.traceId, spanId: linked.spanId }],
    });
    expect(child.events).toEqual([{ name: 'retry', timeMs: expect.any(Number), attributes: { attempt: 2 } }]);
    expect(parent.parentSpanId).toBeUndefined();
    expect(parent.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(parent.spanId).toMatch(/^[0-9a-f]{16}$/);
    // Times are the probe's wall clock in milliseconds (a unit mistake would be off by 10^6).
    for (const span of spans) {
      expect(span.startMs).toBeGreaterThanOrEqual(before - 1000);
      expect(span.endMs).toBeGreaterThanOrEqual(span.startMs);
      expect(span.endMs).toBeLessThanOrEqual(after + 1000);
    }
  });

  /** The status with which a fresh receiver answers one export of `body` as `contentType`. */
  async function statusOf(contentType: string, body: string | Uint8Array): Promise<number> {
    const receiver = await startOtlpReceiver({ onSpans: () => undefined });
    try {
      // Plain fetch, not @agora/testing's `http`: that library builds on this one, so importing it
      // here would make the two depend on each other. Bounded all the same, and the body read.
      const response = await fetch(`${receiver.endpoint}/v1/traces`, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body,
        signal: AbortSignal.timeout(EXPORT_TIMEOUT_MS),
      });
      await response.arrayBuffer();
      return response.status;
    } finally {
      await receiver.close();
    }
  }

  it('refuses an encoding it cannot read', async () => {
    expect(await statusOf('text/plain', 'spans')).toBe(415);
  });

  it('answers 400 to a protobuf body that is not an export', async () => {
    expect(await statusOf('application/x-protobuf', new Uint8Array([0x0a, 0x05, 0x01]))).toBe(400);
  });
});
