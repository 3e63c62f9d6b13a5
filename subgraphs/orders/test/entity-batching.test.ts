import { uuidv7 } from '@agora/contracts';
import { CountingSubgraph } from '@agora/testing';
import { ordersSubgraph } from '../src/orders.subgraph';

describe('the orders subgraph resolving Order entities', () => {
  const subgraph = new CountingSubgraph(ordersSubgraph);

  beforeAll(() => subgraph.start(), 60_000);
  afterAll(() => subgraph.stop(), 60_000);

  it('runs one SQL statement for one representation and for 100', async () => {
    const representation = () => ({ __typename: 'Order', id: uuidv7() });
    expect(await subgraph.statementsFor([representation()])).toBe(1);
    expect(await subgraph.statementsFor(Array.from({ length: 100 }, representation))).toBe(1);
  });
});
