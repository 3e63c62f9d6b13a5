import { buildEnvelope, parseEnvelope } from './envelope';
import { EventValidationError } from './event-validation.error';
import { OrderPlaced } from './events/orders.events';
import { defineEvent, InvalidContractError } from './event-contract';
import { eventCatalogue } from './catalogue';
import { uuidv7 } from './uuidv7';
import { z } from 'zod';

const placed = () => ({
  orderId: uuidv7(),
  userId: uuidv7(),
  items: [{ productId: uuidv7(), quantity: 1, unitPriceCents: 250 }],
  totalCents: 250,
  placedAt: '2026-01-02T03:04:05.000Z',
});

describe('event envelopes', () => {
  it('builds a CloudEvents 1.0 envelope whose correlation id defaults to its own id', () => {
    const envelope = buildEnvelope(OrderPlaced, placed(), { time: new Date('2026-01-02T03:04:05Z') });
    expect(envelope).toMatchObject({
      specversion: '1.0',
      type: 'orders.order.placed.v1',
      source: '/agora/orders',
      time: '2026-01-02T03:04:05.000Z',
      datacontenttype: 'application/json',
    });
    expect(envelope.id[14]).toBe('7');
    expect(envelope.correlationid).toBe(envelope.id);
    expect(envelope).not.toHaveProperty('causationid');
  });

  it('keeps the correlation, causation and trace context it is given', () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const envelope = buildEnvelope(OrderPlaced, placed(), { correlationId: 'req-1', causationId: 'evt-0', traceparent });
    expect(envelope).toMatchObject({ correlationid: 'req-1', causationid: 'evt-0', traceparent });
  });

  it('refuses a payload that breaks the contract, naming the field', () => {
    const build = () => buildEnvelope(OrderPlaced, { ...placed(), items: [] });
    expect(build).toThrow(EventValidationError);
    expect(build).toThrow(/items/);
  });

  it('parses a received envelope and rejects one of another type or with a bad payload', () => {
    const envelope = JSON.parse(JSON.stringify(buildEnvelope(OrderPlaced, placed())));
    expect(parseEnvelope(OrderPlaced, envelope).data.orderId).toBe(envelope.data.orderId);
    expect(() => parseEnvelope(OrderPlaced, { ...envelope, type: 'orders.order.confirmed.v1' })).toThrow(EventValidationError);
    expect(() => parseEnvelope(OrderPlaced, { ...envelope, data: { orderId: 1 } })).toThrow(/data/);
    expect(() => parseEnvelope(OrderPlaced, { ...envelope, specversion: '0.3' })).toThrow(/envelope/);
  });

  it('refuses contracts whose type does not read <context>.<aggregate>.<verb>.v<N>', () => {
    expect(() => defineEvent({ type: 'OrderPlaced', source: '/agora/orders', description: '', schema: z.object({}) })).toThrow(
      InvalidContractError,
    );
    expect(defineEvent({ type: 'a.b.c.v12', source: '/x', description: '', schema: z.object({}) }).version).toBe(12);
  });

  it('catalogues every event of the product specification', () => {
    expect([...eventCatalogue.keys()].sort()).toEqual([
      'accounts.user.registered.v1',
      'catalog.product.created.v1',
      'catalog.product.price-changed.v1',
      'inventory.stock.rejected.v1',
      'inventory.stock.released.v1',
      'inventory.stock.reserved.v1',
      'orders.order.cancelled.v1',
      'orders.order.confirmed.v1',
      'orders.order.placed.v1',
      'orders.order.rejected.v1',
      'reviews.review.posted.v1',
    ]);
  });
});
