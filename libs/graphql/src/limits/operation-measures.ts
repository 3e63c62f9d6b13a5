import {
  type ArgumentNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  getVariableValues,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  visit,
} from 'graphql';
import { BadUserInputError } from '../domain.errors';
import { operationCost, UnmeasurableOperationError } from './operation-cost';
import { countRootFields } from './root-fields';

/** Costs remembered per operation, one per set of values of its cost variables; bounded against a client that varies them. */
const MAX_COSTS_PER_OPERATION = 64;

/** Field arguments the cost reads (see `listSize`); the other arguments of a field never change it. */
const COST_ARGUMENTS: ReadonlySet<string> = new Set(['first', 'representations']);

/** What limits an operation once its document is known: measured once per document, not per request. */
export interface OperationMeasure {
  readonly rootFields: number;
  /** The estimated cost with these variables; throws as `operationCost` does, or on variables that do not fit the operation. */
  cost(variables: Record<string, unknown>): number;
}

/**
 * The limits' measures of each operation, kept with the parsed document Apollo Server caches for
 * a query text: the root fields once per document, the cost once per document and values of the
 * variables that can change it (a list's `first`, an entity's representations, `@skip`/`@include`).
 * A request with other variables (an id, a search term) reuses the cost its document already has.
 */
export function operationMeasures(): (
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
) => OperationMeasure {
  const bySchema = new WeakMap<GraphQLSchema, WeakMap<OperationDefinitionNode, OperationMeasure>>();
  return (schema, document, operation) => {
    let byOperation = bySchema.get(schema);
    if (!byOperation) bySchema.set(schema, (byOperation = new WeakMap()));
    let measure = byOperation.get(operation);
    if (!measure) byOperation.set(operation, (measure = measureOf(schema, document, operation)));
    return measure;
  };
}

function measureOf(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): OperationMeasure {
  const fragments = document.definitions.filter(
    (definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION,
  );
  const costVariables = variablesThatCost([operation, ...fragments]);
  const costs = new Map<string, number | UnmeasurableOperationError>();
  return {
    rootFields: countRootFields(operation, new Map(fragments.map((fragment) => [fragment.name.value, fragment]))),
    cost(variables) {
      // Variables that do not fit the operation are the client's mistake, refused with graphql-js's
      // message ("Variable "$n" got invalid value …") as execution would have refused them.
      const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
      if (coerced.errors) throw new BadUserInputError(coerced.errors.map((error) => error.message).join(' '));
      // An absent variable ([]) and a null one ([null]) may cost differently (a default `first`).
      const key = JSON.stringify(costVariables.map((name) => (name in coerced.coerced ? [coerced.coerced[name]] : [])));
      let cost = costs.get(key);
      if (cost === undefined) {
        try {
          cost = operationCost(schema, operation, fragments, variables);
        } catch (error) {
          if (!(error instanceof UnmeasurableOperationError)) throw error;
          cost = error;
        }
        if (costs.size >= MAX_COSTS_PER_OPERATION) costs.clear();
        costs.set(key, cost);
      }
      if (cost instanceof UnmeasurableOperationError) throw cost;
      return cost;
    },
  };
}

/** The variables used in a cost argument of a field or in any directive (`@skip`, `@include`), sorted. */
function variablesThatCost(definitions: readonly (OperationDefinitionNode | FragmentDefinitionNode)[]): string[] {
  const names = new Set<string>();
  const collect = (argument: ArgumentNode) =>
    visit(argument.value, {
      Variable(variable) {
        names.add(variable.name.value);
      },
    });
  for (const definition of definitions)
    visit(definition, {
      Field(field) {
        for (const argument of field.arguments ?? []) if (COST_ARGUMENTS.has(argument.name.value)) collect(argument);
      },
      Directive(directive) {
        for (const argument of directive.arguments ?? []) collect(argument);
      },
    });
  return [...names].sort();
}
