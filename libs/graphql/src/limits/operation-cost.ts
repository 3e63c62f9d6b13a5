import {
  type DocumentNode,
  type FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  isCompositeType,
  isListType,
  Kind,
  type OperationDefinitionNode,
} from 'graphql';
import { type ComplexityEstimatorArgs, getComplexity } from 'graphql-query-complexity';

/**
 * How many items a list is assumed to hold when nothing in the operation says (a list without
 * `first`, such as an order's items). Connection `edges` are sized by their connection's `first`.
 */
export const ASSUMED_LIST_SIZE = 10;

/** Evaluating more selections than this (fragments spread many times over) is itself refused. */
export const MAX_EVALUATED_SELECTIONS = 10_000;

/** The operation could not be measured within {@link MAX_EVALUATED_SELECTIONS}. */
export class UnmeasurableOperationError extends Error {
  constructor() {
    super(`the operation expands to more than ${MAX_EVALUATED_SELECTIONS} selections`);
    this.name = 'UnmeasurableOperationError';
  }
}

/**
 * How many times a field's selection is repeated in the result: `first` when the field takes it,
 * the number of representations for federation's `_entities`, {@link ASSUMED_LIST_SIZE} for any
 * other list, and 1 for a single value.
 */
export function listSize(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>, parent: GraphQLCompositeType): number {
  if (typeof args.first === 'number') return Math.max(args.first, 0);
  if (field.name === '_entities' && Array.isArray(args.representations)) return args.representations.length;
  if (!isListType(getNullableType(field.type))) return 1;
  return field.name === 'edges' && parent.name.endsWith('Connection') ? 1 : ASSUMED_LIST_SIZE;
}

/**
 * One object costs 1 and a scalar 0; a list multiplies its items' cost by its size. So the cost
 * estimates how many objects the operation may return, and nesting lists multiplies. Introspection
 * (`__schema`, `__type`, `__typename`) is free: the server answers it from its own schema.
 */
export function estimateFieldCost({ field, args, childComplexity, type }: ComplexityEstimatorArgs): number {
  if (field.name.startsWith('__')) return 0;
  const own = isCompositeType(getNamedType(field.type)) ? 1 : 0;
  return listSize(field, args, type) * (own + childComplexity);
}

/** The estimated cost of `operation` with these variables (see {@link estimateFieldCost}). */
export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: readonly FragmentDefinitionNode[],
  variables: Record<string, unknown> = {},
): number {
  const query: DocumentNode = { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] };
  try {
    return getComplexity({ schema, query, variables, estimators: [estimateFieldCost], maxQueryNodes: MAX_EVALUATED_SELECTIONS });
  } catch (error) {
    if (error instanceof Error && /maximum allowed number of nodes/.test(error.message)) throw new UnmeasurableOperationError();
    throw error;
  }
}
