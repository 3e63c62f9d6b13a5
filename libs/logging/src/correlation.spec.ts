import { acceptableCorrelationId, currentCorrelationId, withCorrelationId } from './correlation';
import { JsonLogger } from './json-logger';

describe('correlation ids', () => {
  it('are current inside withCorrelationId, across awaits, and not outside', async () => {
    expect(currentCorrelationId()).toBeUndefined();
    await withCorrelationId('req-1', async () => {
      await Promise.resolve();
      expect(currentCorrelationId()).toBe('req-1');
    });
    expect(currentCorrelationId()).toBeUndefined();
  });

  it('appear on every log line written while one is current', () => {
    const lines: Record<string, unknown>[] = [];
    const logger = new JsonLogger({ service: 'orders', write: (line) => lines.push(JSON.parse(line)) });
    withCorrelationId('req-2', () => logger.log('order placed'));
    logger.log('unrelated');
    expect(lines[0]).toMatchObject({ correlationId: 'req-2', msg: 'order placed' });
    expect(lines[1]).not.toHaveProperty('correlationId');
  });

  it("accept a client's id only when it is short and plain", () => {
    expect(acceptableCorrelationId('checkout-42')).toBe('checkout-42');
    expect(acceptableCorrelationId('x'.repeat(129))).toBeUndefined();
    expect(acceptableCorrelationId('bad id\n')).toBeUndefined();
    expect(acceptableCorrelationId(['a', 'b'])).toBeUndefined();
  });
});
