import { DEFAULT_OPERATION_LIMITS } from '@agora/config';
import { countRootFields, operationCost, operationLimitOptions } from '@agora/graphql';
import { buildSchema, type FragmentDefinitionNode, Kind, type OperationDefinitionNode, parse, specifiedRules, validate } from 'graphql';
import { readFileSync } from 'node:fs';

const schema = buildSchema(readFileSync('gateway/supergraph.graphql', 'utf8'));

/** The README's GraphQL examples, as a new user would paste them into Sandbox. */
function readmeOperations(): string[] {
  const readme = readFileSync('README.md', 'utf8');
  return [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]!);
}

describe('the operations the README shows', () => {
  const operations = readmeOperations();

  it('include the deep query across all six subgraphs', () => {
    expect(operations.some((operation) => operation.includes('query Shop'))).toBe(true);
  });

  it.each(operations.map((operation) => [operation.split('\n')[0], operation]))('%s fits within the default limits', (_name, text) => {
    const document = parse(text, { maxTokens: DEFAULT_OPERATION_LIMITS.tokens });
    const { validationRules } = operationLimitOptions(DEFAULT_OPERATION_LIMITS);
    expect(validate(schema, document, [...specifiedRules, ...validationRules])).toEqual([]);
    const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
    const fragments = document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION) as FragmentDefinitionNode[];
    expect(countRootFields(operation, new Map(fragments.map((fragment) => [fragment.name.value, fragment])))).toBeLessThanOrEqual(
      DEFAULT_OPERATION_LIMITS.rootFields,
    );
    expect(operationCost(schema, operation, fragments, { productId: 'p', orderId: 'o' })).toBeLessThanOrEqual(
      DEFAULT_OPERATION_LIMITS.cost,
    );
  });
});
