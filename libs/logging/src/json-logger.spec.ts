import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { context, trace, TraceFlags } from '@opentelemetry/api';
import { JsonLogger } from './json-logger';

function capture(level?: 'log' | 'debug') {
  const lines: Record<string, unknown>[] = [];
  const logger = new JsonLogger({ service: 'catalog', level, write: (line) => lines.push(JSON.parse(line)) });
  return { logger, lines };
}

describe('JsonLogger', () => {
  it('writes one JSON object per message with service, level and context', () => {
    const { logger, lines } = capture();
    logger.log('listening', 'Bootstrap');
    expect(lines).toEqual([expect.objectContaining({ level: 'log', service: 'catalog', context: 'Bootstrap', msg: 'listening' })]);
  });

  it('drops messages more verbose than its level', () => {
    const { logger, lines } = capture('log');
    logger.debug('noise');
    logger.warn('kept');
    expect(lines.map((line) => line.msg)).toEqual(['kept']);
  });

  it("logs Nest's start-up chatter at debug", () => {
    const { logger, lines } = capture('log');
    logger.log('AppModule dependencies initialized', 'InstanceLoader');
    expect(lines).toEqual([]);
  });

  it('keeps structured fields and error details', () => {
    const { logger, lines } = capture();
    logger.error(new Error('boom'), { eventId: 'e1' }, 'Relay');
    expect(lines[0]).toMatchObject({ msg: 'boom', eventId: 'e1', context: 'Relay', err: { type: 'Error', message: 'boom' } });
  });

  describe('inside a span', () => {
    const contextManager = new AsyncLocalStorageContextManager();
    beforeAll(() => context.setGlobalContextManager(contextManager.enable()));
    afterAll(() => {
      contextManager.disable();
      context.disable();
    });

    it('carries the trace and span ids beside the other fields, and not outside', () => {
      const { logger, lines } = capture();
      const span = trace.wrapSpanContext({
        traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
        spanId: '00f067aa0ba902b7',
        traceFlags: TraceFlags.SAMPLED,
      });
      context.with(trace.setSpan(context.active(), span), () => logger.log('inside'));
      logger.log('outside');
      expect(lines[0]).toMatchObject({ msg: 'inside', traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' });
      expect(lines[1]).not.toHaveProperty('traceId');
    });
  });
});
