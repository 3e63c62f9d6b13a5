import { defineEvent } from '@agora/contracts';
import { z } from 'zod';
import { ChangeLevel, type ContractChange } from './contract-change';
import { diffEventSchemas } from './event-schema.diff';
import { eventSchemasOf } from './event-schemas';

const TYPE = 'orders.order.placed.v1';

const placed = (schema: z.ZodType) => defineEvent({ type: TYPE, source: '/agora/orders', description: '', schema });

const released = z.object({
  orderId: z.uuid(),
  status: z.enum(['PENDING', 'CONFIRMED']),
  note: z.string().optional(),
  items: z.array(z.object({ productId: z.uuid(), quantity: z.number().int().positive() })).min(1),
  totalCents: z.number().int().nonnegative(),
});

/** The changes from the released payload to `schema`, as `path: level`. */
function changesTo(schema: z.ZodType): string[] {
  return summarize(diffEventSchemas(eventSchemasOf([placed(released)]), eventSchemasOf([placed(schema)])));
}

function summarize(changes: readonly ContractChange[]): string[] {
  return changes.map((change) => `${change.path}: ${change.level}`);
}

describe('comparing event payload schemas', () => {
  it('finds nothing when the payload is unchanged', () => {
    expect(changesTo(released)).toEqual([]);
  });

  it('breaks on a renamed field, naming both the old and the new name', () => {
    const renamed = released.omit({ totalCents: true }).extend({ totalAmountCents: z.number().int().nonnegative() });
    expect(changesTo(renamed)).toEqual([`${TYPE}: totalAmountCents: breaking`, `${TYPE}: totalCents: breaking`]);
  });

  it('breaks on a removed field, even an optional one', () => {
    expect(changesTo(released.omit({ note: true }))).toEqual([`${TYPE}: note: breaking`]);
  });

  it('breaks on a changed type', () => {
    expect(changesTo(released.extend({ totalCents: z.string() }))).toContain(`${TYPE}: totalCents: breaking`);
  });

  it('breaks on a new required field and on an optional field made required', () => {
    expect(changesTo(released.extend({ currency: z.string() }))).toEqual([`${TYPE}: currency: breaking`]);
    expect(changesTo(released.extend({ note: z.string() }))).toEqual([`${TYPE}: note: breaking`]);
  });

  it('breaks on a narrowed enum and warns on a widened one', () => {
    expect(changesTo(released.extend({ status: z.enum(['PENDING']) }))).toEqual([`${TYPE}: status: breaking`]);
    expect(changesTo(released.extend({ status: z.enum(['PENDING', 'CONFIRMED', 'SHIPPED']) }))).toEqual([`${TYPE}: status: dangerous`]);
  });

  it('breaks on a narrowed bound inside array items, with the path through the array', () => {
    const stricter = released.extend({ items: z.array(z.object({ productId: z.uuid(), quantity: z.number().int().min(2) })).min(1) });
    expect(changesTo(stricter)).toContain(`${TYPE}: items[].quantity: breaking`);
  });

  it('is safe with a new optional field, also inside array items', () => {
    expect(changesTo(released.extend({ couponCode: z.string().optional() }))).toEqual([`${TYPE}: couponCode: safe`]);
    const withSku = released.extend({
      items: z.array(z.object({ productId: z.uuid(), quantity: z.number().int().positive(), sku: z.string().optional() })).min(1),
    });
    expect(changesTo(withSku)).toEqual([`${TYPE}: items[].sku: safe`]);
  });

  it('warns when a field becomes optional or nullable', () => {
    expect(changesTo(released.extend({ totalCents: z.number().int().nonnegative().optional() }))).toEqual([
      `${TYPE}: totalCents: dangerous`,
    ]);
    expect(changesTo(released.extend({ note: z.string().nullable().optional() }))).toEqual([`${TYPE}: note: dangerous`]);
  });

  it('is safe with a new event type and breaks on a removed one', () => {
    const v2 = defineEvent({ type: 'orders.order.placed.v2', source: '/agora/orders', description: '', schema: released });
    const before = eventSchemasOf([placed(released)]);
    const after = eventSchemasOf([placed(released), v2]);
    expect(summarize(diffEventSchemas(before, after))).toEqual(['orders.order.placed.v2: safe']);
    expect(summarize(diffEventSchemas(after, before))).toEqual(['orders.order.placed.v2: breaking']);
  });

  it('says what changed in words a reviewer can act on', () => {
    const [removed] = diffEventSchemas(eventSchemasOf([placed(released)]), eventSchemasOf([placed(released.omit({ note: true }))]));
    expect(removed).toMatchObject({ level: ChangeLevel.Breaking, message: expect.stringMatching(/field removed/) });
  });
});
