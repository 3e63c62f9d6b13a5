export {
  BadUserInputError,
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  OperationTooComplexError,
  RateLimitedError,
  UnauthenticatedError,
} from './domain.errors';
export { ErrorCode } from './error-codes';
export { createFormatError, type FormatErrorOptions } from './format-error';
export { type RefusableResponse, refuseRequest } from './refuse-request';
export { edgeServerOptions, type EdgeServerOptions } from './edge-server-options';
export { operationCost } from './limits/operation-cost';
export { operationLimitOptions } from './limits/operation-limits';
export { countRootFields } from './limits/root-fields';
