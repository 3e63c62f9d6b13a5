import type { AnyEventContract, EventOf } from '@agora/contracts';
import { outbox, Outbox } from '@agora/messaging';
import type { TestSystem } from './test-system';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';

/**
 * Plays another service in a test: records events with the messaging kit in a running subgraph's
 * own outbox, so its relay publishes them to the test's broker namespace like any event; and
 * reads that subgraph's database to see what it recorded. The subgraph's queue is bound before
 * its readiness turns green, so `TestSystem.start()` has already waited for it.
 */
export class SubgraphEvents {
  private readonly pool: Pool;
  readonly db: ReturnType<typeof drizzle>;

  constructor(system: TestSystem, subgraph: string) {
    this.pool = new Pool({ connectionString: system.databaseUrl(subgraph), max: 2 });
    this.db = drizzle(this.pool);
  }

  /** Publishes `data` as an event of `contract`, through the subgraph's outbox and relay. */
  async publish<C extends AnyEventContract>(contract: C, data: EventOf<C>): Promise<string> {
    return this.db.transaction(async (tx) => (await new Outbox().record(tx, contract, data)).id);
  }

  /** The payloads of the events of `type` the subgraph recorded (its own and those published by the test). */
  async recorded(type: string): Promise<Record<string, unknown>[]> {
    const rows = await this.db
      .select({ envelope: outbox.envelope })
      .from(outbox)
      .where(sql`${outbox.type} = ${type}`)
      .orderBy(outbox.id);
    return rows.map((row) => (row.envelope as { data: Record<string, unknown> }).data);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
