import { type AnyEventContract, buildEnvelope, type EnvelopeMetadata, type EnvelopeOf, type EventOf } from '@agora/contracts';
import { currentCorrelationId } from '@agora/logging';
import { Injectable } from '@nestjs/common';
import type { PgTransaction } from 'drizzle-orm/pg-core';
import { outbox } from '../db/messaging.schema';
import { withRecordSpan } from '../tracing';

/** Any drizzle transaction on PostgreSQL; recording outside a transaction is deliberately impossible. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTransaction = PgTransaction<any, any, any>;

/**
 * The transactional outbox: events are rows written in the caller's transaction, so they exist if
 * and only if the state change that caused them committed. The relay publishes them later.
 */
@Injectable()
export class Outbox {
  /**
   * Records `data` as an event of `contract` inside `tx`. The payload is validated first: an
   * invalid event is a bug, so this throws `EventValidationError` and the transaction fails.
   */
  async record<Contract extends AnyEventContract>(
    tx: AnyTransaction,
    contract: Contract,
    data: EventOf<Contract>,
    metadata?: EnvelopeMetadata,
  ): Promise<EnvelopeOf<Contract>> {
    // Without an explicit one, the event joins the request (or event) being handled.
    const correlationId = metadata?.correlationId ?? currentCorrelationId();
    // The recording span's context is stored with the row, for the relay and consumers to continue
    // (when tracing is off, a context handed down from the event being handled is kept as it is).
    return withRecordSpan(contract.type, async (traceparent) => {
      const envelope = buildEnvelope(contract, data, {
        ...metadata,
        ...(correlationId ? { correlationId } : {}),
        traceparent: traceparent ?? metadata?.traceparent,
      });
      // The table's insert trigger notifies the relay at commit (nothing at rollback), so the relay
      // wakes exactly when there is work.
      await tx.insert(outbox).values({ id: envelope.id, type: envelope.type, envelope });
      return envelope;
    });
  }
}
