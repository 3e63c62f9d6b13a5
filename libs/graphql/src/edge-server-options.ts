import type { EdgeConfig, OperationLimits } from '@agora/config';
import type { ApolloServerPlugin } from '@apollo/server';
import type { ParseOptions, ValidationRule } from 'graphql';
import { operationLimitOptions } from './limits/operation-limits';

export interface EdgeServerOptions {
  readonly introspection: boolean;
  readonly includeStacktraceInErrorResponses: boolean;
  readonly hideSchemaDetailsFromClientErrors: boolean;
  readonly csrfPrevention: true;
  readonly allowBatchedHttpRequests: false;
  readonly parseOptions: ParseOptions;
  readonly validationRules: ValidationRule[];
  readonly plugins: ApolloServerPlugin[];
}

/**
 * The Apollo Server options every Agora GraphQL server shares at its edge: the operation limits;
 * in production no field suggestions ("Did you mean …") and no stack traces; introspection as
 * configured; Apollo's CSRF prevention (a `text/plain` or form POST without a preflight header is
 * refused with BAD_REQUEST); and one operation per HTTP request (no batching).
 */
export function edgeServerOptions(production: boolean, edge: EdgeConfig, limits: OperationLimits = edge.limits): EdgeServerOptions {
  return {
    introspection: edge.introspection,
    includeStacktraceInErrorResponses: !production,
    hideSchemaDetailsFromClientErrors: production,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    ...operationLimitOptions(limits),
  };
}
