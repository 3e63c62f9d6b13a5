/** Where validation failed: the envelope's own fields, or the payload against its contract. */
export type ValidationTarget = 'envelope' | 'data';

/**
 * An event does not match its contract. Recording one is a bug (the caller's transaction fails);
 * consuming one parks the message at once, since retrying cannot make it valid.
 */
export class EventValidationError extends Error {
  constructor(
    readonly eventType: string,
    readonly target: ValidationTarget,
    readonly issues: readonly string[],
  ) {
    super(`event "${eventType}" has an invalid ${target}: ${issues.join('; ')}`);
    this.name = 'EventValidationError';
  }
}
