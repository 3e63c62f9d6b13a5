import { buildEnvelope, eventCatalogue, StockReleased, uuidv7 } from '@agora/contracts';
import { decodeMessage } from './decode-message';
import { ParkReason } from './failure.policy';

const body = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

describe('decoding a message', () => {
  const envelope = buildEnvelope(StockReleased, { orderId: uuidv7(), items: [] });

  it('returns the validated envelope and its contract', () => {
    const decoded = decodeMessage(body(envelope), eventCatalogue);
    expect(decoded).toMatchObject({ kind: 'event', contract: StockReleased, envelope: { id: envelope.id } });
  });

  it.each([
    ['a body that is not JSON', '{oops', ParkReason.NotJson],
    ['an event type without a contract', { ...envelope, type: 'inventory.stock.stolen.v1' }, ParkReason.UnknownContract],
    ['JSON that is not an envelope', [1, 2], ParkReason.UnknownContract],
    ['a payload that breaks its schema', { ...envelope, data: { orderId: 'x' } }, ParkReason.InvalidEvent],
    ['an envelope without its id', { ...envelope, id: undefined }, ParkReason.InvalidEvent],
  ])('rejects %s for parking', (_case, value, reason) => {
    expect(decodeMessage(body(value), eventCatalogue)).toMatchObject({ kind: 'invalid', reason });
  });
});
