import { MIN_REQUEST_CONNECTIONS, RELAY_CONNECTIONS } from './constants';
import { ConnectionBudgetError } from './messaging.error';

export interface ConnectionBudget {
  readonly poolSize: number;
  /** Concurrent handler transactions: the consumer's prefetch. */
  readonly handlers: number;
  readonly relay: number;
  /** What is left for requests. */
  readonly requests: number;
}

/**
 * Each role's share of a service's database pool: the consumer runs at most `prefetch` handler
 * transactions, the relay one statement at a time, and at least `MIN_REQUEST_CONNECTIONS` stay
 * for requests (the LISTEN connection is outside the pool). Throws when the pool is too small for
 * that, rather than let an event burst starve requests.
 */
export function connectionBudget(poolSize: number, prefetch: number, relayEnabled: boolean): ConnectionBudget {
  const relay = relayEnabled ? RELAY_CONNECTIONS : 0;
  const requests = poolSize - prefetch - relay;
  if (requests < MIN_REQUEST_CONNECTIONS) throw new ConnectionBudgetError(poolSize, prefetch, relay, MIN_REQUEST_CONNECTIONS);
  return { poolSize, handlers: prefetch, relay, requests };
}
