import type { AnyEventContract, EnvelopeMetadata, EnvelopeOf, EventEnvelope, EventOf } from '@agora/contracts';
import type { Transaction } from '@agora/database';
import { BaseRpcContext } from '@nestjs/microservices';
import type { SQLWrapper } from 'drizzle-orm';
import type { Outbox } from '../outbox/outbox';

/** The drizzle transaction a handler runs in; `TSchema` is the service's schema module. */
export type { Transaction };

/**
 * What an event handler gets with `@Ctx()`: the transaction its effects must be written in (the
 * inbox row commits with them), the envelope, and `record` for follow-up events, which carry the
 * same correlation id and this event's id as their causation id.
 */
export class EventContext<TSchema extends Record<string, unknown> = Record<string, never>> extends BaseRpcContext<
  [EventEnvelope, Transaction<TSchema>]
> {
  constructor(
    readonly envelope: EventEnvelope,
    readonly tx: Transaction<TSchema>,
    /** 1-based delivery attempt; above 1 after a handler failure. */
    readonly attempt: number,
    private readonly outbox: Outbox,
  ) {
    super([envelope, tx]);
  }

  /** Records a follow-up event in this handler's transaction. */
  record<Contract extends AnyEventContract>(contract: Contract, data: EventOf<Contract>): Promise<EnvelopeOf<Contract>> {
    return this.outbox.record(this.tx, contract, data, this.followUp());
  }

  /**
   * Records a follow-up event in this handler's transaction, in one statement with `changes` (the
   * drizzle inserts, updates or deletes that cause it; see `Outbox.recordWith`).
   */
  recordWith<Contract extends AnyEventContract>(
    changes: readonly SQLWrapper[],
    contract: Contract,
    data: EventOf<Contract>,
  ): Promise<EnvelopeOf<Contract>> {
    return this.outbox.recordWith(this.tx, changes, contract, data, this.followUp());
  }

  private followUp(): EnvelopeMetadata {
    return {
      correlationId: this.envelope.correlationid,
      causationId: this.envelope.id,
      ...(this.envelope.traceparent ? { traceparent: this.envelope.traceparent } : {}),
    };
  }
}
