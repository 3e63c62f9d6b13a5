/**
 * The one catalogue of `extensions.code` values a GraphQL client of Agora can see.
 * Apollo Server's own codes (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, …) pass through as-is.
 */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  /** Too many requests from one client address, or attempts for one account; `extensions.retryAfterSeconds` says when to retry. */
  RATE_LIMITED: 'RATE_LIMITED',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** The operation exceeds a limit (depth, aliases, root fields, directives, cost); `extensions.limit` names it. */
  OPERATION_TOO_COMPLEX: 'OPERATION_TOO_COMPLEX',
  /** The request body is larger than the service reads (HTTP 413). */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /** A subgraph was called without the gateway's credential (HTTP 403); only the gateway may call it. */
  GATEWAY_CREDENTIAL_REQUIRED: 'GATEWAY_CREDENTIAL_REQUIRED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
