/**
 * Thrown by the `default` of a `switch` that handles every case of a union: passing the value as
 * `never` makes the compiler reject the switch when a new case is added and not handled.
 */
export class UnreachableCaseError extends Error {
  constructor(readonly value: never) {
    super(`unreachable case: ${JSON.stringify(value)}`);
    this.name = 'UnreachableCaseError';
  }
}
