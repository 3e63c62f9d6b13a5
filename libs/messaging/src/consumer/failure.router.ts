import type { EventEnvelope } from '@agora/contracts';
import { UnreachableCaseError } from '@agora/exhaustive';
import type { Logger } from '@nestjs/common';
import type { ConsumeMessage } from 'amqplib';
import { addDeliveryEvent } from '../tracing';
import { decideHandlerFailure, DeliveryOutcome, FailureDecision, ParkReason } from './failure.policy';
import type { FailurePublisher } from './failure.publisher';

/**
 * Carries out `decideHandlerFailure` for a delivery whose handler threw: a copy goes to the next
 * delay queue, or to the dead-letter queue once the retries are used up. Rejects when RabbitMQ did
 * not confirm that copy; the consumer then returns the delivery to its queue.
 */
export async function routeHandlerFailure(
  failures: FailurePublisher,
  retryDelaysMs: readonly number[],
  logger: Logger,
  delivery: { readonly message: ConsumeMessage; readonly envelope: EventEnvelope; readonly attempt: number; readonly error: Error },
): Promise<DeliveryOutcome> {
  const { message, envelope, attempt, error } = delivery;
  const verdict = decideHandlerFailure(attempt, retryDelaysMs);
  switch (verdict.decision) {
    case FailureDecision.Retry:
      logger.warn(`${envelope.type} ${envelope.id} failed on attempt ${attempt}; retrying in ${verdict.delayMs} ms: ${error.message}`);
      addDeliveryEvent('retry', { attempt, delay_ms: verdict.delayMs, error: error.message });
      await failures.retry(message, verdict.delayMs, verdict.nextAttempt, error.message);
      return DeliveryOutcome.Retried;
    case FailureDecision.Park:
      logger.error(`${envelope.type} ${envelope.id} failed ${attempt} times; parking it: ${error.message}`);
      addDeliveryEvent('parked', { attempt, reason: ParkReason.RetriesExhausted, error: error.message });
      await failures.park(message, ParkReason.RetriesExhausted, error.message, attempt);
      return DeliveryOutcome.Parked;
    default:
      throw new UnreachableCaseError(verdict);
  }
}
