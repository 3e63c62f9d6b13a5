import { uuidv7 } from '@agora/contracts';
import { StockResolver } from './stock.resolver';
import type { StockService } from './stock.service';

describe('StockResolver entity references', () => {
  it('loads the stock of 100 representations of one request with one lookup', async () => {
    const ids = Array.from({ length: 100 }, () => uuidv7());
    const lookups: (readonly string[])[] = [];
    const service = {
      availableByIds: async (keys: readonly string[]) => {
        lookups.push(keys);
        return new Map(keys.map((key, index) => [key, index % 2]));
      },
    } as unknown as StockService;
    const resolver = new StockResolver(service);
    const context = { req: {} } as never;

    const products = await Promise.all(ids.map((id) => resolver.resolveReference({ id }, context)));

    expect(lookups).toEqual([ids]);
    expect(products.map((product) => [product?.stock, product?.inStock])).toEqual(ids.map((_, index) => [index % 2, index % 2 === 1]));
  });
});
