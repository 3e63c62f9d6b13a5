import type { AnyEventContract } from './event-contract';
import { UserRegistered } from './events/accounts.events';
import { ProductCreated, ProductPriceChanged } from './events/catalog.events';
import { StockRejected, StockReleased, StockReserved } from './events/inventory.events';
import { OrderCancelled, OrderConfirmed, OrderPlaced, OrderRejected } from './events/orders.events';
import { ReviewPosted } from './events/reviews.events';

/** Every event Agora publishes. A new contract is added here, or no consumer can validate it. */
export const EVENT_CONTRACTS = [
  UserRegistered,
  ProductCreated,
  ProductPriceChanged,
  StockReserved,
  StockRejected,
  StockReleased,
  OrderPlaced,
  OrderConfirmed,
  OrderRejected,
  OrderCancelled,
  ReviewPosted,
] as const satisfies readonly AnyEventContract[];

/** A catalogue of contracts by type; transports look events up in one of these. */
export type EventCatalogue = ReadonlyMap<string, AnyEventContract>;

/** Builds a catalogue, refusing two contracts with one type. */
export function createCatalogue(contracts: readonly AnyEventContract[]): EventCatalogue {
  const catalogue = new Map<string, AnyEventContract>();
  for (const contract of contracts) {
    if (catalogue.has(contract.type)) throw new Error(`event type "${contract.type}" is defined twice`);
    catalogue.set(contract.type, contract);
  }
  return catalogue;
}

/** Agora's catalogue: type → contract. */
export const eventCatalogue: EventCatalogue = createCatalogue(EVENT_CONTRACTS);
