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
export { ASSUMED_LIST_SIZE, estimateFieldCost, listSize, operationCost } from './limits/operation-cost';
export { operationLimitOptions, type OperationLimitOptions } from './limits/operation-limits';
export { countRootFields } from './limits/root-fields';
