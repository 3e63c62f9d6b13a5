import { JWKS_PATH } from '@agora/auth';
import { loadServiceConfig } from '@agora/config';
import { uuidv7 } from '@agora/contracts';
import { DATABASE_POOL, dropDatabase, prepareDatabase, withDatabase } from '@agora/database';
import { MESSAGING_MIGRATIONS } from '@agora/messaging';
import { subgraphAppModule, type SubgraphDefinition } from '@agora/subgraph';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Pool } from 'pg';
import { graphql } from './graphql-client';
import { freePort, testNamespace, UNREACHABLE_ORIGIN } from './namespace';
import { TEST_DATABASE_SERVER_URL } from './test-system';

const ENTITIES = 'query ($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }';

/**
 * One subgraph app inside the test process, with every SQL statement its pool runs counted, to
 * prove that entity resolution is batched. Nest keeps GraphQL types in one global registry, so a
 * test file may hold only one subgraph (jest gives every file its own module registry).
 */
export class CountingSubgraph {
  statements = 0;
  private app?: INestApplication;
  private url?: string;
  private readonly databaseUrl: string;

  constructor(private readonly definition: SubgraphDefinition) {
    this.databaseUrl = withDatabase(TEST_DATABASE_SERVER_URL, `${testNamespace()}_${definition.name}`);
  }

  async start(): Promise<this> {
    await prepareDatabase({ url: this.databaseUrl, migrations: [{ folder: this.definition.migrationsFolder }, MESSAGING_MIGRATIONS] });
    // Nothing answers at the JWKS URL: these calls carry no token, and the broker is never started.
    const config = loadServiceConfig(this.definition.name, 0, {
      DATABASE_URL: this.databaseUrl,
      JWKS_URL: `${UNREACHABLE_ORIGIN}${JWKS_PATH}`,
    });
    this.app = await NestFactory.create(subgraphAppModule(this.definition, config), { logger: false });
    const pool = this.app.get<Pool>(DATABASE_POOL);
    const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
    (pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      this.statements += 1;
      return query(...args);
    };
    const port = await freePort();
    await this.app.listen(port, '127.0.0.1');
    this.url = `http://127.0.0.1:${port}/graphql`;
    return this;
  }

  /** The SQL statements run to resolve these representations in one `_entities` call. */
  async statementsFor(representations: readonly object[]): Promise<number> {
    this.statements = 0;
    const response = await graphql(this.url!, ENTITIES, { representations });
    if (response.errors) throw new Error(`_entities failed: ${JSON.stringify(response.errors)}`);
    return this.statements;
  }

  async stop(): Promise<void> {
    await this.app?.close();
    await dropDatabase(this.databaseUrl);
  }
}

/**
 * The batching test every subgraph runs for each entity it owns: one `_entities` call costs one
 * SQL statement, for one representation and for 100.
 */
export function describeEntityBatching(definition: SubgraphDefinition, typename: string): void {
  describe(`the ${definition.name} subgraph resolving ${typename} entities`, () => {
    const subgraph = new CountingSubgraph(definition);

    beforeAll(() => subgraph.start(), 60_000);
    afterAll(() => subgraph.stop(), 60_000);

    it('runs one SQL statement for one representation and for 100', async () => {
      const representation = () => ({ __typename: typename, id: uuidv7() });
      expect(await subgraph.statementsFor([representation()])).toBe(1);
      expect(await subgraph.statementsFor(Array.from({ length: 100 }, representation))).toBe(1);
    });
  });
}
