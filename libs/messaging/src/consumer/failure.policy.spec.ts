import { decideHandlerFailure, FailureDecision, ParkReason } from './failure.policy';

describe('the retry policy', () => {
  const delays = [1_000, 10_000, 60_000];

  it('retries after each configured delay in turn', () => {
    expect(decideHandlerFailure(1, delays)).toEqual({ decision: FailureDecision.Retry, delayMs: 1_000, nextAttempt: 2 });
    expect(decideHandlerFailure(3, delays)).toEqual({ decision: FailureDecision.Retry, delayMs: 60_000, nextAttempt: 4 });
  });

  it('parks the message once every delay is used', () => {
    expect(decideHandlerFailure(4, delays)).toEqual({ decision: FailureDecision.Park, reason: ParkReason.RetriesExhausted });
  });

  it('parks at the first failure when no retries are configured', () => {
    expect(decideHandlerFailure(1, [])).toEqual({ decision: FailureDecision.Park, reason: ParkReason.RetriesExhausted });
  });
});
