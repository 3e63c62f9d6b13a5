import { jest } from '@jest/globals';
import { buildSchema, type Operation, operationFromDocument } from '@apollo/federation-internals';
import { type DocumentNode, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { createRequire } from 'node:module';
import { apolloOperationsModule, apolloShapingModule, installResponseShaping, operationsBuiltOnce } from './response-shaping.install';

const schema = buildSchema(`
  type Query { products(first: Int): [Product!]! }
  type Product { id: ID! name: String! related: [Product!]! }
`);
const QUERY = `query Products($first: Int) { products(first: $first) { id ...Named related { id } } }
  fragment Named on Product { name }`;

/** The document Apollo Gateway's executor builds from the client's: the operation, then its fragments. */
function executorDocument(document: DocumentNode): DocumentNode {
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  )!;
  return { kind: Kind.DOCUMENT, definitions: [operation, ...document.definitions.filter((definition) => definition !== operation)] };
}

describe('the operation Apollo Gateway executes and shapes', () => {
  it('is built once per parsed document and schema, as a fresh build would be', () => {
    const build = jest.fn(operationFromDocument);
    const once = operationsBuiltOnce(build);
    const parsed = parse(QUERY);
    const first = once(schema, executorDocument(parsed), { validate: false });
    // The executor wraps the same parsed operation in a new document on every request.
    expect(once(schema, executorDocument(parsed), { validate: false })).toBe(first);
    expect(build).toHaveBeenCalledTimes(1);
    expect(first.toString()).toBe(operationFromDocument(schema, executorDocument(parse(QUERY)), { validate: false }).toString());

    // Another parse of the same text (a document Apollo Server no longer holds) and another schema build again.
    const reparsed = once(schema, executorDocument(parse(QUERY)), { validate: false });
    expect(reparsed).not.toBe(first);
    const otherSchema = buildSchema(
      'type Query { products(first: Int): [Product!]! } type Product { id: ID! name: String! related: [Product!]! }',
    );
    expect(once(otherSchema, executorDocument(parsed), { validate: false })).not.toBe(first);
    expect(build).toHaveBeenCalledTimes(3);
  });

  it('is built anew for every other call, such as the planner’s', () => {
    const build = jest.fn(operationFromDocument);
    const once = operationsBuiltOnce(build);
    const parsed = parse(QUERY);
    const built: Operation[] = [
      once(schema, parsed, { operationName: 'Products' }),
      once(schema, parsed, { operationName: 'Products' }),
      once(schema, parsed),
    ];
    expect(new Set(built).size).toBe(3);
    expect(build).toHaveBeenCalledTimes(3);
    // An invalid document still fails as before, and nothing is kept for it.
    const invalid = parse('query { products { id missing } }');
    expect(() => once(schema, executorDocument(invalid), { validate: false })).toThrow(/missing/);
    expect(() => once(schema, executorDocument(invalid), { validate: false })).toThrow(/missing/);
  });

  it('is installed where the executor reads it, once however often the gateway module is built', () => {
    const shaping = apolloShapingModule();
    const { exports: operations } = apolloOperationsModule();
    const original = { computeResponse: shaping.computeResponse, operationFromDocument: operations.operationFromDocument };
    try {
      expect(installResponseShaping().installed).toBe(true);
      const installed = operations.operationFromDocument;
      expect(installed).not.toBe(original.operationFromDocument);
      installResponseShaping();
      expect(operations.operationFromDocument).toBe(installed);
      // The executor calls it through the package's index, as the gateway's copy of the package resolves it.
      const fromGateway = createRequire(createRequire(import.meta.url).resolve('@apollo/gateway'));
      expect((fromGateway('@apollo/federation-internals') as { operationFromDocument: unknown }).operationFromDocument).toBe(installed);
    } finally {
      // Node's module cache outlives this file: the next spec in this worker must find Apollo's own.
      shaping.computeResponse = original.computeResponse;
      operations.operationFromDocument = original.operationFromDocument;
    }
  });
});
