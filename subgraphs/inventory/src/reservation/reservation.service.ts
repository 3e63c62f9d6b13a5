import { anyOf } from '@agora/database';
import { type EventOf, type OrderCancelled, type OrderPlaced, StockRejected, StockReleased, StockReserved } from '@agora/contracts';
import { UnreachableCaseError } from '@agora/exhaustive';
import type { EventContext } from '@agora/messaging';
import { Injectable } from '@nestjs/common';
import { and, asc, eq, sql } from 'drizzle-orm';
import type * as schema from '../db/schema';
import { orderStates, reservations, stockLevels } from '../db/schema';
import { decideReservation, mergeLines, type OrderLine } from './reservation.decision';

type Context = EventContext<typeof schema>;

/** What handling an order event did; for logs and tests, never for control flow elsewhere. */
export type ReservationOutcome = 'reserved' | 'rejected' | 'released' | 'ignored';

/**
 * Reserves and releases stock for orders, inside the event handler's transaction.
 *
 * Concurrency: the `order_states` row of an order is claimed first (an insert conflicting with an
 * uncommitted insert waits for it), which serialises the placement and the cancellation of one
 * order; then stock rows are locked with SELECT … FOR UPDATE in product-id order, the same order
 * for every transaction, so reservations of different orders queue on shared products instead of
 * deadlocking, and each decides on committed stock. The CHECK on `available >= 0` is the last
 * guard against overselling.
 */
@Injectable()
export class ReservationService {
  async place(event: EventOf<typeof OrderPlaced>, ctx: Context): Promise<ReservationOutcome> {
    const { tx } = ctx;
    // Already known: cancelled before its placement arrived, or placed by an earlier event.
    if (!(await this.claim(ctx, event.orderId, 'RESERVED'))) return 'ignored';

    const lines = mergeLines(event.items);
    const decision = decideReservation(lines, await this.lockStock(ctx, lines));
    switch (decision.kind) {
      case 'reserve':
        // The stock taken, the reservations and StockReserved in one statement.
        await ctx.recordWith(
          [
            this.adjustment(ctx, decision.lines, -1),
            tx.insert(reservations).values(decision.lines.map((line) => ({ orderId: event.orderId, ...line }))),
          ],
          StockReserved,
          { orderId: event.orderId, items: [...decision.lines] },
        );
        return 'reserved';
      case 'reject':
        await tx
          .update(orderStates)
          .set({ state: 'REJECTED', updatedAt: sql`now()` })
          .where(eq(orderStates.orderId, event.orderId));
        await ctx.record(StockRejected, { orderId: event.orderId, shortages: [...decision.shortages] });
        return 'rejected';
      default:
        throw new UnreachableCaseError(decision);
    }
  }

  async cancel(event: EventOf<typeof OrderCancelled>, ctx: Context): Promise<ReservationOutcome> {
    const { tx } = ctx;
    // The cancellation overtook the placement: remembered, so the placement will reserve nothing.
    if (await this.claim(ctx, event.orderId, 'CANCELLED')) return 'ignored';

    const [current] = await tx.select().from(orderStates).where(eq(orderStates.orderId, event.orderId)).for('update');
    if (!current || current.state === 'CANCELLED') return 'ignored';
    await tx
      .update(orderStates)
      .set({ state: 'CANCELLED', updatedAt: sql`now()` })
      .where(eq(orderStates.orderId, event.orderId));
    if (current.state === 'REJECTED') return 'ignored';

    const released: OrderLine[] = await tx
      .update(reservations)
      .set({ status: 'RELEASED', releasedAt: sql`now()` })
      .where(and(eq(reservations.orderId, event.orderId), eq(reservations.status, 'RESERVED')))
      .returning({ productId: reservations.productId, quantity: reservations.quantity });
    const lines = mergeLines(released);
    await this.lockStock(ctx, lines);
    await ctx.recordWith([this.adjustment(ctx, lines, 1)], StockReleased, { orderId: event.orderId, items: lines });
    return 'released';
  }

  /**
   * Records the first word about an order. False when a row exists: the insert waits for an
   * uncommitted one, which serialises the placement and the cancellation of one order.
   */
  private async claim({ tx }: Context, orderId: string, state: 'RESERVED' | 'CANCELLED'): Promise<boolean> {
    const claimed = await tx
      .insert(orderStates)
      .values({ orderId, state })
      .onConflictDoNothing()
      .returning({ orderId: orderStates.orderId });
    return claimed.length > 0;
  }

  /**
   * Locks the lines' stock rows in product-id order, the same for every transaction (so they
   * queue on shared products instead of deadlocking), and reads what each has available.
   */
  private async lockStock({ tx }: Context, lines: readonly OrderLine[]): Promise<Map<string, number>> {
    const locked = await tx
      .select({ productId: stockLevels.productId, available: stockLevels.available })
      .from(stockLevels)
      .where(
        anyOf(
          stockLevels.productId,
          lines.map((line) => line.productId),
        ),
      )
      .orderBy(asc(stockLevels.productId))
      .for('update');
    return new Map(locked.map((row) => [row.productId, row.available]));
  }

  /**
   * One update that adds `sign` times each line's quantity to its product's stock; `lockStock`
   * must have locked the rows (the update's own locking order would be the join's).
   */
  private adjustment({ tx }: Context, lines: readonly OrderLine[], sign: 1 | -1) {
    return tx
      .update(stockLevels)
      .set({ available: sql`${stockLevels.available} + line.delta`, updatedAt: sql`now()` })
      .from(
        sql`unnest(${sql.param(lines.map((line) => line.productId))}::uuid[], ${sql.param(lines.map((line) => sign * line.quantity))}::int[]) AS line(product_id, delta)`,
      )
      .where(eq(stockLevels.productId, sql`line.product_id`));
  }
}
