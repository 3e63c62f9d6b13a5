import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Parser } from '@asyncapi/parser';
import { parse } from 'yaml';
import { ASYNCAPI_OPTIONS, buildAsyncApiDocument } from './asyncapi';
import { EVENT_CONTRACTS } from './catalogue';

const committedPath = fileURLToPath(new URL('../asyncapi.yaml', import.meta.url));
const committed = readFileSync(committedPath, 'utf8');

describe('the AsyncAPI document', () => {
  it('describes one channel per event, addressed by its routing key, with its payload schema', () => {
    const document = buildAsyncApiDocument(EVENT_CONTRACTS, { version: '1.0.0', exchange: 'agora.events' }) as {
      channels: Record<string, { address: string }>;
      components: { messages: Record<string, { payload: { properties: { data: { required: string[] }; type: { const: string } } } }> };
    };
    expect(Object.values(document.channels).map((channel) => channel.address)).toHaveLength(EVENT_CONTRACTS.length);
    const placed = document.components.messages.orders_order_placed_v1!.payload.properties;
    expect(placed.type.const).toBe('orders.order.placed.v1');
    expect(placed.data.required).toEqual(expect.arrayContaining(['orderId', 'userId', 'items', 'totalCents', 'placedAt']));
  });

  it('is committed up to date with the contracts (run `npm run asyncapi` when this fails)', () => {
    expect(parse(committed)).toEqual(buildAsyncApiDocument(EVENT_CONTRACTS, ASYNCAPI_OPTIONS));
  });

  it('is a valid AsyncAPI 3 document', async () => {
    const { diagnostics, document } = await new Parser().parse(committed);
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 0);
    expect(errors.map((error) => `${error.path.join('.')}: ${error.message}`)).toEqual([]);
    expect(document?.version()).toBe('3.0.0');
  }, 30_000);
});
