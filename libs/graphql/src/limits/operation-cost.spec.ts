import { type FragmentDefinitionNode, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { ASSUMED_LIST_SIZE, operationCost, UnmeasurableOperationError } from './operation-cost';
import { limitsTestSchema } from './test-schema';

function costOf(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const fragments = document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION) as FragmentDefinitionNode[];
  return operationCost(limitsTestSchema, operation, fragments, variables);
}

describe('operationCost', () => {
  it('counts one per object and nothing for scalars', () => {
    expect(costOf('{ hello }')).toBe(0);
    expect(costOf('{ product(id: "1") { id name } }')).toBe(1);
  });

  it('multiplies what a connection holds by its first, and nested connections by each other', () => {
    // products: 10 × (connection 1 + edge 1 + node 1 + reviews 5 × (connection 1 + edge 1 + review 1))
    expect(costOf('{ products(first: 10) { edges { node { reviews(first: 5) { edges { node { id } } } } } } }')).toBe(10 * (3 + 5 * 3));
  });

  it('uses the default of first when the operation does not set it, and the variable when it does', () => {
    expect(costOf('{ products { totalCount } }')).toBe(20);
    expect(costOf('query ($n: Int) { products(first: $n) { totalCount } }', { n: 100 })).toBe(100);
  });

  it('assumes a size for a list that takes no first', () => {
    expect(costOf('{ product(id: "1") { related { id } } }')).toBe(1 + ASSUMED_LIST_SIZE);
  });

  it('counts the representations of an _entities call', () => {
    const representations = Array.from({ length: 7 }, (_, index) => ({ __typename: 'Product', id: String(index) }));
    expect(costOf('query ($r: [_Any!]!) { _entities(representations: $r) { id } }', { r: representations })).toBe(7);
  });

  it('counts fields reached through fragments, and leaves introspection free', () => {
    expect(costOf('{ product(id: "1") { ...F } } fragment F on Product { related { id } }')).toBe(1 + ASSUMED_LIST_SIZE);
    expect(costOf('{ __schema { types { name fields { name } } } }')).toBe(0);
  });

  it('refuses to measure an operation that expands to too many selections', () => {
    // Each fragment spreads the next one ten times: 10^5 selections from a few hundred tokens.
    const levels = ['A', 'B', 'C', 'D', 'E'];
    const fragments = levels
      .map((name, index) => {
        const next = levels[index + 1];
        const body = next ? Array.from({ length: 10 }, () => `related { ...${next} }`).join(' ') : 'id';
        return `fragment ${name} on Product { ${body} }`;
      })
      .join(' ');
    expect(() => costOf(`{ product(id: "1") { ...A } } ${fragments}`)).toThrow(UnmeasurableOperationError);
  });
});
