import { UnreachableCaseError } from '@agora/exhaustive';

/** When a subgraph's circuit opens and when it tries again. */
export interface CircuitPolicy {
  /** Consecutive failed calls that open the circuit. */
  readonly failureThreshold: number;
  /** How long an open circuit refuses calls before it lets one probe through. */
  readonly cooldownMs: number;
}

/**
 * A subgraph's circuit: `closed` lets calls through and counts consecutive failures; `open`
 * refuses them at once until `probeAt`; `half-open` has let one probe through and refuses the
 * rest until the probe settles.
 */
export type CircuitState =
  | { readonly kind: 'closed'; readonly consecutiveFailures: number }
  | { readonly kind: 'open'; readonly probeAt: number }
  | { readonly kind: 'half-open' };

/** What the circuit says to a call that wants to go out: go, go as the probe, or fail fast. */
export type Admission = 'pass' | 'probe' | 'refuse';

export type CallOutcome = 'success' | 'failure';

export const CLOSED: CircuitState = { kind: 'closed', consecutiveFailures: 0 };

/** Whether a call may go out at `now`, and the state that follows. */
export function admit(state: CircuitState, now: number): { readonly state: CircuitState; readonly admission: Admission } {
  switch (state.kind) {
    case 'closed':
      return { state, admission: 'pass' };
    case 'open':
      return now >= state.probeAt ? { state: { kind: 'half-open' }, admission: 'probe' } : { state, admission: 'refuse' };
    case 'half-open':
      return { state, admission: 'refuse' };
    default:
      throw new UnreachableCaseError(state);
  }
}

/**
 * The state after a call admitted as `admission` ended with `outcome` at `now`. In `open` and
 * `half-open`, only the probe's outcome counts: calls let through before the circuit opened
 * settle late and change nothing.
 */
export function settle(state: CircuitState, admission: Admission, outcome: CallOutcome, now: number, policy: CircuitPolicy): CircuitState {
  switch (state.kind) {
    case 'closed': {
      if (outcome === 'success') return CLOSED;
      const consecutiveFailures = state.consecutiveFailures + 1;
      return consecutiveFailures >= policy.failureThreshold
        ? { kind: 'open', probeAt: now + policy.cooldownMs }
        : { kind: 'closed', consecutiveFailures };
    }
    case 'open':
      return state;
    case 'half-open':
      if (admission !== 'probe') return state;
      return outcome === 'success' ? CLOSED : { kind: 'open', probeAt: now + policy.cooldownMs };
    default:
      throw new UnreachableCaseError(state);
  }
}

/**
 * One subgraph's circuit breaker, so that a dead or hung subgraph is not waited on by every
 * request: after `failureThreshold` consecutive failures its calls fail at once, and after
 * `cooldownMs` one call probes whether it is back. The rules are the pure `admit` and `settle`.
 */
export class CircuitBreaker {
  private current: CircuitState = CLOSED;

  constructor(
    readonly policy: CircuitPolicy,
    private readonly onChange: (state: CircuitState, previous: CircuitState) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): CircuitState {
    return this.current;
  }

  admit(): Admission {
    const { state, admission } = admit(this.current, this.now());
    this.move(state);
    return admission;
  }

  settle(admission: Admission, outcome: CallOutcome): void {
    this.move(settle(this.current, admission, outcome, this.now(), this.policy));
  }

  private move(next: CircuitState): void {
    const previous = this.current;
    this.current = next;
    if (next.kind !== previous.kind) this.onChange(next, previous);
  }
}
