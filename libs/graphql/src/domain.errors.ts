import { GraphQLError } from 'graphql';
import { ErrorCode } from './error-codes';

/** Base of the errors a resolver throws on purpose; each carries its `extensions.code`. */
export abstract class DomainError extends GraphQLError {
  abstract readonly code: ErrorCode;

  protected constructor(message: string, code: ErrorCode, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  readonly code = ErrorCode.NOT_FOUND;
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} "${id}" does not exist.`, ErrorCode.NOT_FOUND, { entity, id });
  }
}

export class BadUserInputError extends DomainError {
  readonly code = ErrorCode.BAD_USER_INPUT;
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message, ErrorCode.BAD_USER_INPUT, field ? { field } : {});
  }
}

export class UnauthenticatedError extends DomainError {
  readonly code = ErrorCode.UNAUTHENTICATED;
  constructor(message = 'Sign in first: send "Authorization: Bearer <token>" from logIn or signUp.') {
    super(message, ErrorCode.UNAUTHENTICATED);
  }
}

export class ForbiddenError extends DomainError {
  readonly code = ErrorCode.FORBIDDEN;
  constructor(message: string) {
    super(message, ErrorCode.FORBIDDEN);
  }
}

export class RateLimitedError extends DomainError {
  readonly code = ErrorCode.RATE_LIMITED;
  constructor(
    what: string,
    readonly retryAfterSeconds: number,
  ) {
    super(`Too many ${what}. Retry in ${retryAfterSeconds} s.`, ErrorCode.RATE_LIMITED, { retryAfterSeconds });
  }
}

export class ConflictError extends DomainError {
  readonly code = ErrorCode.CONFLICT;
  constructor(message: string) {
    super(message, ErrorCode.CONFLICT);
  }
}

/** The operation exceeds one of the operation limits; refused before it is planned (HTTP 400). */
export class OperationTooComplexError extends DomainError {
  readonly code = ErrorCode.OPERATION_TOO_COMPLEX;
  constructor(
    readonly limit: 'depth' | 'aliases' | 'rootFields' | 'directives' | 'cost',
    message: string,
  ) {
    super(message, ErrorCode.OPERATION_TOO_COMPLEX, { limit, http: { status: 400 } });
  }
}
