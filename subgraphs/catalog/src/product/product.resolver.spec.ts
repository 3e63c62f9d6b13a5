import { uuidv7 } from '@agora/contracts';
import type { ProductRow } from '../db/schema';
import { ProductResolver } from './product.resolver';
import type { ProductService } from './product.service';

describe('ProductResolver entity references', () => {
  it('loads 100 representations of one request with one lookup', async () => {
    const rows = Array.from({ length: 100 }, (_, index): ProductRow => ({
      id: uuidv7(),
      name: `Product ${index}`,
      description: '',
      priceCents: 100 + index,
      createdAt: new Date(),
    }));
    const lookups: (readonly string[])[] = [];
    const service = {
      findByIds: async (ids: readonly string[]) => {
        lookups.push(ids);
        return new Map(rows.filter((row) => ids.includes(row.id)).map((row) => [row.id, row]));
      },
    } as unknown as ProductService;
    const resolver = new ProductResolver(service);
    const context = { req: {} } as never;

    const resolved = await Promise.all([
      ...rows.map((row) => resolver.resolveReference({ id: row.id }, context)),
      resolver.resolveReference({ id: 'not-an-id' }, context),
    ]);

    expect(lookups).toHaveLength(1);
    expect(lookups[0]).toHaveLength(100);
    expect(resolved.slice(0, 100)).toEqual(rows);
    expect(resolved[100]).toBeNull();
  });

  it('does not share loaded products between requests', async () => {
    let lookups = 0;
    const service = { findByIds: async () => ((lookups += 1), new Map()) } as unknown as ProductService;
    const resolver = new ProductResolver(service);
    const id = uuidv7();
    await resolver.resolveReference({ id }, { req: {} } as never);
    await resolver.resolveReference({ id }, { req: {} } as never);
    expect(lookups).toBe(2);
  });
});
