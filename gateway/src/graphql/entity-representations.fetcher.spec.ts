import { dedupeRepresentations, distinctRepresentations, expandAnswer } from './entity-representations.fetcher';
import { queryOnlyDocuments, type SubgraphFetcher } from './in-flight-dedup.fetcher';

const URL = 'http://reviews/graphql';
const ENTITIES = 'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Product { averageRating } } }';
const product = (id: string) => ({ __typename: 'Product', id });

/** A subgraph that records what it was sent and answers each representation with its id. */
function echoSubgraph() {
  const sent: unknown[][] = [];
  const fetcher = (async (_url: string, init?: { body?: unknown }) => {
    const representations = (JSON.parse(String(init?.body)) as { variables: { representations: { id: string }[] } }).variables
      .representations;
    sent.push(representations);
    const body = { data: { _entities: representations.map((representation) => ({ averageRating: representation.id })) } };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as unknown as SubgraphFetcher;
  return { sent, fetcher };
}

function post(query: string, representations: unknown[]) {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables: { representations } }),
  };
}

describe('dedupeRepresentations', () => {
  it('sends each distinct entity once and answers every original position', async () => {
    const subgraph = echoSubgraph();
    const fetch = dedupeRepresentations(subgraph.fetcher, queryOnlyDocuments());
    const response = await fetch(URL, post(ENTITIES, [product('a'), product('b'), product('a'), product('a')]));
    expect(subgraph.sent).toEqual([[product('a'), product('b')]]);
    expect(await response.json()).toEqual({
      data: { _entities: [{ averageRating: 'a' }, { averageRating: 'b' }, { averageRating: 'a' }, { averageRating: 'a' }] },
    });
  });

  it('leaves a call without duplicates, or a mutation, exactly as it was', async () => {
    const subgraph = echoSubgraph();
    const fetch = dedupeRepresentations(subgraph.fetcher, queryOnlyDocuments());
    await fetch(URL, post(ENTITIES, [product('a'), product('b')]));
    await fetch(URL, post('mutation ($representations: [_Any!]!) { touch(r: $representations) }', [product('a'), product('a')]));
    expect(subgraph.sent).toEqual([
      [product('a'), product('b')],
      [product('a'), product('a')],
    ]);
  });
});

describe('expandAnswer', () => {
  it('repeats an error of a shared entity at every position that asked for it', () => {
    const { distinct, positions } = distinctRepresentations([product('a'), product('b'), product('a')]);
    const answer = {
      data: { _entities: [null, { averageRating: 4 }] },
      errors: [
        { message: 'no such product', path: ['_entities', 0, 'averageRating'] },
        { message: 'unrelated', path: ['other'] },
      ],
    };
    expect(expandAnswer(answer, positions, distinct.length)).toEqual({
      data: { _entities: [null, { averageRating: 4 }, null] },
      errors: [
        { message: 'no such product', path: ['_entities', 0, 'averageRating'] },
        { message: 'no such product', path: ['_entities', 2, 'averageRating'] },
        { message: 'unrelated', path: ['other'] },
      ],
    });
  });

  it('declines an answer whose entity count does not match what was sent', () => {
    expect(expandAnswer({ data: { _entities: [1] } }, [0, 1, 0], 2)).toBeUndefined();
    expect(expandAnswer({ errors: [{ path: [] }] }, [0, 0], 1)).toBeUndefined();
  });
});
