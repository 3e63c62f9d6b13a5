import { DEFAULT_PREFETCH } from './constants';
import { connectionBudget } from './messaging.budget';
import { ConnectionBudgetError } from './messaging.error';

describe('connectionBudget', () => {
  it('leaves half of a default pool of 10 to requests beside the default handler concurrency and the relay', () => {
    expect(connectionBudget(10, DEFAULT_PREFETCH, true)).toEqual({ poolSize: 10, handlers: 5, relay: 1, requests: 4 });
  });

  it('refuses a pool that handlers and the relay would fill, naming the variables to change', () => {
    expect(() => connectionBudget(10, 9, true)).toThrow(ConnectionBudgetError);
    expect(() => connectionBudget(10, 9, true)).toThrow(/DATABASE_POOL_SIZE.*EVENT_HANDLER_CONCURRENCY/);
  });

  it('counts no relay connection in a service that only consumes', () => {
    expect(connectionBudget(10, 9, false).requests).toBe(1);
  });
});
