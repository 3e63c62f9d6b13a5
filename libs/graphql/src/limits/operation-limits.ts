import type { OperationLimits } from '@agora/config';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { type GraphQLError, type ParseOptions, type ValidationContext, type ValidationRule } from 'graphql';
import { OperationTooComplexError } from '../domain.errors';
import { UnmeasurableOperationError } from './operation-cost';
import { operationMeasures } from './operation-measures';

/** What Apollo Server needs to enforce {@link OperationLimits}. */
export interface OperationLimitOptions {
  readonly parseOptions: ParseOptions;
  readonly validationRules: ValidationRule[];
  readonly plugins: ApolloServerPlugin[];
}

const ADVICE = 'Ask for less in one operation, or split it.';

/** Reports a GraphQL Armor rejection as our own error, with its code and the limit it names. */
function reportAs(limit: 'depth' | 'aliases' | 'directives') {
  return (context: ValidationContext | null, error: GraphQLError): void => {
    context?.reportError(new OperationTooComplexError(limit, `${error.message.replace(/^Syntax Error: /, '')} ${ADVICE}`));
  };
}

/**
 * The operation limits as Apollo Server options, checked before an operation is planned or run:
 * - tokens while parsing (graphql-js's own `maxTokens`, refused as GRAPHQL_PARSE_FAILED), so a
 *   huge document costs little;
 * - depth, aliases and directives while validating, by GraphQL Armor's rules (depth follows
 *   fragments, counts each once, so a fragment cycle cannot loop it, and skips only a real
 *   `__schema` field, not an operation or fragment of that name);
 * - root fields and the estimated cost once the operation and its variables are known (a
 *   `first: $n` counts as the `n` sent), refused before the gateway plans anything.
 * Every refusal carries `extensions.code` OPERATION_TOO_COMPLEX and `extensions.limit`.
 */
export function operationLimitOptions(limits: OperationLimits): OperationLimitOptions {
  const callbacks = (limit: 'depth' | 'aliases' | 'directives') => ({ propagateOnRejection: false, onReject: [reportAs(limit)] });
  const armor = new ApolloArmor({
    // Apollo's own hideSchemaDetailsFromClientErrors removes suggestions; our cost rule replaces
    // Armor's, which ignores list sizes; tokens are counted by the parser itself.
    blockFieldSuggestion: { enabled: false },
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    maxDepth: { n: limits.depth, flattenFragments: true, ignoreIntrospection: true, ...callbacks('depth') },
    // Armor lets `__typename` be aliased freely; counting every alias keeps the limit plain.
    maxAliases: { n: limits.aliases, allowList: [], ...callbacks('aliases') },
    maxDirectives: { n: limits.directives, ...callbacks('directives') },
  }).protect();
  return {
    parseOptions: { maxTokens: limits.tokens },
    validationRules: armor.validationRules,
    plugins: [...armor.plugins, rootFieldsAndCostPlugin(limits)],
  };
}

/**
 * Root fields and cost are measured once per document Apollo Server caches (and, for the cost, per
 * values of the variables that change it), not again on every request; see `operationMeasures`.
 */
function rootFieldsAndCostPlugin(limits: OperationLimits): ApolloServerPlugin {
  const measures = operationMeasures();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, schema }) {
          if (!operation) return; // Apollo refuses a request whose operation it cannot find.
          const measure = measures(schema, document, operation);
          const rootFields = measure.rootFields;
          if (rootFields > limits.rootFields) {
            throw new OperationTooComplexError(
              'rootFields',
              `The operation selects ${rootFields} root fields; at most ${limits.rootFields} are allowed. ${ADVICE}`,
            );
          }
          let cost: number;
          try {
            cost = measure.cost(request.variables ?? {});
          } catch (error) {
            if (error instanceof UnmeasurableOperationError)
              throw new OperationTooComplexError('cost', `The operation is too large to measure: ${error.message}. ${ADVICE}`);
            throw error;
          }
          if (cost > limits.cost) {
            throw new OperationTooComplexError(
              'cost',
              `The operation may return about ${cost} objects; at most ${limits.cost} are allowed. Lists multiply what is nested in them: lower \`first\` or nest fewer lists. ${ADVICE}`,
            );
          }
        },
      };
    },
  };
}
