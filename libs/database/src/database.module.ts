import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { HealthRegistry } from '@agora/health';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
import { preparingClient } from './prepared-statements';

export const DATABASE_POOL = Symbol('DATABASE_POOL');
export const DATABASE = Symbol('DATABASE');
export const DATABASE_OPTIONS = Symbol('DATABASE_OPTIONS');

/** A service's drizzle database; `TSchema` is its `db/schema.ts` module. */
export type Database<TSchema extends Record<string, unknown> = Record<string, never>> = NodePgDatabase<TSchema>;

export interface DatabaseModuleOptions {
  readonly url: string;
  /** The service's drizzle schema module, for typed relational queries. */
  readonly schema: Record<string, unknown>;
  /** Connections in the pool; PostgreSQL's own limit is shared by every service. */
  readonly poolSize?: number;
  /** Whether statements with parameters are prepared once per connection (`preparingClient`); on unless false. */
  readonly preparedStatements?: boolean;
}

export const DEFAULT_POOL_SIZE = 10;
/**
 * How long a request waits for a pooled connection, or for a new one to open, before it fails
 * with an error `isDatabaseUnavailable` recognises: an unreachable server must not hang requests.
 */
export const CONNECTION_TIMEOUT_MS = 5_000;

/** Injects the service's drizzle database. */
export const InjectDatabase = (): ParameterDecorator => Inject(DATABASE);

@Injectable()
class DatabaseLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(DATABASE_POOL) private readonly pool: Pool,
    private readonly health: HealthRegistry,
  ) {}

  onModuleInit(): void {
    this.health.register({
      name: 'database',
      check: async () => {
        await this.pool.query('SELECT 1');
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }
}

/**
 * The service's connection pool and drizzle instance. Connections open lazily, so building the
 * module (for example to print the GraphQL schema) touches no server; creating and migrating the
 * database is `prepareDatabase`, run by the bootstrap before the app starts.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: DATABASE_OPTIONS, useValue: options },
        {
          provide: DATABASE_POOL,
          useFactory: () => {
            const pool = new Pool({
              connectionString: options.url,
              max: options.poolSize ?? DEFAULT_POOL_SIZE,
              connectionTimeoutMillis: CONNECTION_TIMEOUT_MS,
              // Each parameterised statement is parsed once per connection, then only bound and run.
              ...(options.preparedStatements === false ? {} : { Client: preparingClient() }),
            });
            // An idle client's error (server restart) must not crash the process; the pool replaces it.
            pool.on('error', () => undefined);
            return pool;
          },
        },
        {
          provide: DATABASE,
          useFactory: (pool: Pool) => drizzle(pool, { schema: options.schema }),
          inject: [DATABASE_POOL],
        },
        DatabaseLifecycle,
      ],
      exports: [DATABASE_POOL, DATABASE],
    };
  }
}
