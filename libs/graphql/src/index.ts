export {
  BadUserInputError,
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  UnauthenticatedError,
} from './domain.errors';
export { ErrorCode } from './error-codes';
export { createFormatError, type FormatErrorOptions } from './format-error';
