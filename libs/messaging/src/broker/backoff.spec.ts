import { backoffDelay } from './backoff';

describe('reconnect backoff', () => {
  const middle = () => 0.5;

  it('doubles from the initial delay', () => {
    expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, 100, 10_000, middle))).toEqual([100, 200, 400, 800]);
  });

  it('never exceeds the maximum by more than the jitter', () => {
    expect(backoffDelay(30, 100, 10_000, () => 1)).toBe(12_000);
    expect(backoffDelay(30, 100, 10_000, () => 0)).toBe(8_000);
  });
});
