/** What becomes of a message whose handling failed. */
export enum FailureDecision {
  /** Publish to the delay queue for the next attempt, then ack. */
  Retry = 'retry',
  /** Publish to the service's dead-letter queue, then ack. */
  Park = 'park',
}

/** Why a message was parked; written in its `x-agora-park-reason` header. */
export enum ParkReason {
  NotJson = 'not-json',
  UnknownContract = 'unknown-contract',
  InvalidEvent = 'invalid-event',
  RetriesExhausted = 'retries-exhausted',
}

export type FailureVerdict =
  | { readonly decision: FailureDecision.Retry; readonly delayMs: number; readonly nextAttempt: number }
  | { readonly decision: FailureDecision.Park; readonly reason: ParkReason };

/**
 * A handler threw on delivery attempt `attempt` (1-based). Each entry of `retryDelaysMs` buys one
 * more attempt after that delay; when they are used up the message is parked. Growing delays give
 * a dependency time to come back without flooding it.
 */
export function decideHandlerFailure(attempt: number, retryDelaysMs: readonly number[]): FailureVerdict {
  const delayMs = retryDelaysMs[attempt - 1];
  if (delayMs === undefined) return { decision: FailureDecision.Park, reason: ParkReason.RetriesExhausted };
  return { decision: FailureDecision.Retry, delayMs, nextAttempt: attempt + 1 };
}

/** How a delivery ended, for logs and counters. Every outcome but `Requeued` acks. */
export enum DeliveryOutcome {
  Handled = 'handled',
  Duplicate = 'duplicate',
  /** No handler for its type (a stale binding, a replay): acked and counted, never retried. */
  Unhandled = 'unhandled',
  Retried = 'retried',
  Parked = 'parked',
  /**
   * Its retry or dead-letter copy was not confirmed (a nack, a full queue, no confirm before the
   * deadline): nacked back to the queue, to be tried again. The queue's delivery limit bounds how
   * often, after which RabbitMQ dead-letters it itself.
   */
  Requeued = 'requeued',
}
