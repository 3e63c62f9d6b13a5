import type { Shortage } from '@agora/contracts';

/** Units of one product an order asks for or holds. */
export interface OrderLine {
  readonly productId: string;
  readonly quantity: number;
}

/** All or nothing: reserve every line, or reject naming every shortage. */
export type ReservationDecision =
  { readonly kind: 'reserve'; readonly lines: readonly OrderLine[] } | { readonly kind: 'reject'; readonly shortages: readonly Shortage[] };

/**
 * One line per product, quantities of repeated products summed, sorted by product id: the order
 * in which stock rows are locked, so that concurrent reservations never deadlock.
 */
export function mergeLines(items: readonly OrderLine[]): OrderLine[] {
  const quantities = new Map<string, number>();
  for (const item of items) quantities.set(item.productId, (quantities.get(item.productId) ?? 0) + item.quantity);
  return [...quantities]
    .map(([productId, quantity]) => ({ productId, quantity }))
    .sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
}

/**
 * Whether `lines` (merged) can all be reserved from `available` (a product inventory has never
 * heard of has none).
 */
export function decideReservation(lines: readonly OrderLine[], available: ReadonlyMap<string, number>): ReservationDecision {
  const shortages = lines
    .map((line) => ({ productId: line.productId, requested: line.quantity, available: available.get(line.productId) ?? 0 }))
    .filter((line) => line.requested > line.available);
  return shortages.length > 0 ? { kind: 'reject', shortages } : { kind: 'reserve', lines };
}
