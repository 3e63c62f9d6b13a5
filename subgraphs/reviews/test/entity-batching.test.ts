import { uuidv7 } from '@agora/contracts';
import { CountingSubgraph } from '@agora/testing';
import { reviewsSubgraph } from '../src/reviews.subgraph';

describe('the reviews subgraph resolving Review entities', () => {
  const subgraph = new CountingSubgraph(reviewsSubgraph);

  beforeAll(() => subgraph.start(), 60_000);
  afterAll(() => subgraph.stop(), 60_000);

  it('runs one SQL statement for one representation and for 100', async () => {
    const representation = () => ({ __typename: 'Review', id: uuidv7() });
    expect(await subgraph.statementsFor([representation()])).toBe(1);
    expect(await subgraph.statementsFor(Array.from({ length: 100 }, representation))).toBe(1);
  });
});
