import { admit, CircuitBreaker, type CircuitState, CLOSED, settle } from './circuit-breaker';

const POLICY = { failureThreshold: 3, cooldownMs: 1_000 };

describe('a subgraph circuit breaker', () => {
  let now = 0;
  let breaker: CircuitBreaker;
  let changes: string[];

  beforeEach(() => {
    now = 0;
    changes = [];
    breaker = new CircuitBreaker(
      POLICY,
      (state) => changes.push(state.kind),
      () => now,
    );
  });

  /** One call through the breaker that ends with `outcome`; returns its admission. */
  function call(outcome: 'success' | 'failure'): string {
    const admission = breaker.admit();
    if (admission !== 'refuse') breaker.settle(admission, outcome);
    return admission;
  }

  it('lets calls through while failures stay below the threshold, and a success resets the count', () => {
    expect([call('failure'), call('failure'), call('success'), call('failure'), call('failure')]).toEqual([
      'pass',
      'pass',
      'pass',
      'pass',
      'pass',
    ]);
    expect(breaker.state).toEqual({ kind: 'closed', consecutiveFailures: 2 });
  });

  it('opens after the threshold of consecutive failures and then refuses calls at once', () => {
    call('failure');
    call('failure');
    call('failure');
    expect(breaker.state).toEqual({ kind: 'open', probeAt: 1_000 });
    now = 999;
    expect(breaker.admit()).toBe('refuse');
    expect(changes).toEqual(['open']);
  });

  it('lets exactly one probe through after the cool-down, and closes when it succeeds', () => {
    for (let i = 0; i < 3; i += 1) call('failure');
    now = 1_000;
    const probe = breaker.admit();
    expect(probe).toBe('probe');
    expect(breaker.admit()).toBe('refuse');
    breaker.settle(probe, 'success');
    expect(breaker.state).toEqual(CLOSED);
    expect(call('success')).toBe('pass');
    expect(changes).toEqual(['open', 'half-open', 'closed']);
  });

  it('opens again for another cool-down when the probe fails', () => {
    for (let i = 0; i < 3; i += 1) call('failure');
    now = 1_500;
    expect(call('failure')).toBe('probe');
    expect(breaker.state).toEqual({ kind: 'open', probeAt: 2_500 });
  });

  it('ignores calls that settle late, after the circuit opened or while the probe is out', () => {
    const late = breaker.admit();
    for (let i = 0; i < 3; i += 1) call('failure');
    breaker.settle(late, 'success');
    expect(breaker.state.kind).toBe('open');
    now = 1_000;
    const probe = breaker.admit();
    breaker.settle(late, 'success');
    expect(breaker.state.kind).toBe('half-open');
    breaker.settle(probe, 'failure');
    expect(breaker.state.kind).toBe('open');
  });
});

describe('the circuit rules', () => {
  it.each<[CircuitState, number, string]>([
    [CLOSED, 0, 'pass'],
    [{ kind: 'open', probeAt: 10 }, 9, 'refuse'],
    [{ kind: 'open', probeAt: 10 }, 10, 'probe'],
    [{ kind: 'half-open' }, 99, 'refuse'],
  ])('admits a call in %j at %d as %s', (state, now, admission) => {
    expect(admit(state, now).admission).toBe(admission);
  });

  it('counts only failures in a row while closed', () => {
    expect(settle({ kind: 'closed', consecutiveFailures: 1 }, 'pass', 'failure', 0, POLICY)).toEqual({
      kind: 'closed',
      consecutiveFailures: 2,
    });
    expect(settle({ kind: 'closed', consecutiveFailures: 2 }, 'pass', 'success', 0, POLICY)).toEqual(CLOSED);
  });
});
