import { type AnyEventContract, buildEnvelope, type EnvelopeMetadata, type EnvelopeOf, type EventOf } from '@agora/contracts';
import { currentCorrelationId } from '@agora/logging';
import { Injectable } from '@nestjs/common';
import { type SQL, sql, type SQLWrapper } from 'drizzle-orm';
import type { PgDatabase, PgTransaction } from 'drizzle-orm/pg-core';
import { outbox } from '../db/messaging.schema';
import { withRecordSpan } from '../tracing';

/** Any drizzle transaction on PostgreSQL; recording outside a transaction is deliberately impossible. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTransaction = PgTransaction<any, any, any>;

/** Any drizzle database or transaction on PostgreSQL: what builds and runs one statement. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyStatementRunner = Pick<PgDatabase<any, any, any>, 'execute' | 'insert'>;

/** At most this many changes ride in one statement with their event (each a `WITH` query). */
const MAX_CHANGES_PER_STATEMENT = 16;

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
    return this.recording(contract, data, metadata, async (envelope) => {
      // The table's insert trigger notifies the relay at commit (nothing at rollback), so the relay
      // wakes exactly when there is work.
      await tx.insert(outbox).values(this.row(envelope));
    });
  }

  /**
   * Records `data` as an event of `contract` in one statement with `changes`, the drizzle
   * inserts, updates or deletes that cause it, each run as a data-modifying `WITH` query before
   * the outbox insert. One statement is one transaction: the changes and the event commit
   * together or not at all, in one round trip where `BEGIN`, a statement per change, the event's
   * insert and `COMMIT` would take four or more. For a change whose event needs nothing the
   * database decides (ids and values known beforehand, no row read first); every `WITH` query
   * sees the same snapshot, so a change cannot read another's rows (foreign keys are checked at
   * the statement's end, when all are in). Validation as in `record`: an invalid event throws
   * before anything is sent.
   */
  async recordWith<Contract extends AnyEventContract>(
    db: AnyStatementRunner,
    changes: readonly SQLWrapper[],
    contract: Contract,
    data: EventOf<Contract>,
    metadata?: EnvelopeMetadata,
  ): Promise<EnvelopeOf<Contract>> {
    if (changes.length === 0 || changes.length > MAX_CHANGES_PER_STATEMENT) {
      throw new RangeError(`recordWith takes 1 to ${MAX_CHANGES_PER_STATEMENT} changes, not ${changes.length}.`);
    }
    return this.recording(contract, data, metadata, async (envelope) => {
      const queries: SQL[] = changes.map((change, index) => sql`${sql.raw(`change_${index}`)} AS (${change.getSQL()})`);
      // The same insert as `record`'s (drizzle's own builder, so the row is encoded alike), after the
      // changes; `getSQL()`, as a query builder embedded whole would be parenthesised as a subquery.
      await db.execute(sql`WITH ${sql.join(queries, sql`, `)} ${db.insert(outbox).values(this.row(envelope)).getSQL()}`);
    });
  }

  /** Builds the envelope (with the correlation and trace context) inside the recording span. */
  private recording<Contract extends AnyEventContract>(
    contract: Contract,
    data: EventOf<Contract>,
    metadata: EnvelopeMetadata | undefined,
    write: (envelope: EnvelopeOf<Contract>) => Promise<void>,
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
      await write(envelope);
      return envelope;
    });
  }

  private row(envelope: EnvelopeOf<AnyEventContract>): typeof outbox.$inferInsert {
    return { id: envelope.id, type: envelope.type, envelope };
  }
}
