import { DATABASE, DATABASE_POOL, type Database, DEFAULT_POOL_SIZE } from '@agora/database';
import { HealthRegistry } from '@agora/health';
import { MetricsRegistry } from '@agora/metrics';
import { type BeforeApplicationShutdown, Inject, Injectable, type INestApplication, type OnModuleInit, Optional } from '@nestjs/common';
import type { NestMicroservice } from '@nestjs/microservices';
import type { Pool } from 'pg';
import { BrokerConnection } from './broker/broker.connection';
import { topologyNames } from './broker/topology';
import { EventConsumerServer } from './consumer/event-consumer.server';
import { EventHandlerErrorFilter } from './consumer/event-handler-error.filter';
import { type ConnectionBudget, connectionBudget } from './messaging.budget';
import type { ResolvedMessagingOptions } from './messaging.options';
import { Outbox } from './outbox/outbox';
import { OutboxRelay } from './relay/outbox.relay';
import { QueueDepthProbe, registerOutboxGauges } from './metrics/messaging.metrics';

export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
/** The readiness checks' names in `/health/ready`. */
export const BROKER_READINESS_CHECK = 'broker';
export const CONSUMER_READINESS_CHECK = 'consumer';

type RuntimeState = 'idle' | 'started' | 'stopped';

/** node-postgres' pool size when none is given. */

/**
 * Owns the process's RabbitMQ connection, the outbox relay and the consumer transport. Building it
 * connects to nothing (so `--print-schema` stays offline); `start(app)` does, and stopping runs
 * before the database pool closes: consumers stop and drain, then the relay flushes.
 */
@Injectable()
export class MessagingRuntime implements OnModuleInit, BeforeApplicationShutdown {
  readonly connection: BrokerConnection;
  readonly relay: OutboxRelay;
  /** The transport strategy; `start(app)` connects it, or pass it to `connectMicroservice` yourself. */
  readonly server: EventConsumerServer;
  private readonly queueDepth?: QueueDepthProbe;
  /** How the database pool is shared between handlers, the relay and requests. */
  readonly budget: ConnectionBudget;
  private state: RuntimeState = 'idle';

  constructor(
    @Inject(MESSAGING_OPTIONS) readonly options: ResolvedMessagingOptions,
    @Inject(DATABASE) db: Database,
    @Inject(DATABASE_POOL) pool: Pool,
    outbox: Outbox,
    @Optional() private readonly health?: HealthRegistry,
    @Optional() metrics?: MetricsRegistry,
  ) {
    // The pool's size is DatabaseModule's (DATABASE_POOL_SIZE); pg's own default otherwise.
    this.budget = connectionBudget(pool.options.max ?? DEFAULT_POOL_SIZE, options.consumer.prefetch, options.relay.enabled);
    const names = topologyNames(options.namespace, options.service);
    this.connection = new BrokerConnection({
      url: options.url,
      connectionName: `${options.namespace}.${options.service}`,
      ...options.reconnect,
      closeTimeoutMs: options.broker.closeTimeoutMs,
    });
    this.relay = new OutboxRelay(db, pool, this.connection, { ...options, exchange: names.exchange });
    this.server = new EventConsumerServer(options, names, this.connection, db, pool, outbox);
    if (metrics) {
      this.registerMetrics(metrics);
      metrics.registry.registerMetric(this.server.deliveryLag);
      registerOutboxGauges(metrics.registry, db);
      this.queueDepth = new QueueDepthProbe(metrics.registry, this.connection, names, () => this.server.isConsuming);
    }
  }

  private registerMetrics(metrics: MetricsRegistry): void {
    metrics.observedCounter('agora_events_published_total', 'Events the outbox relay published and RabbitMQ confirmed.', [], () => [
      { labels: {}, value: this.relay.stats.published },
    ]);
    metrics.observedCounter('agora_events_unroutable_total', 'Published events no queue was bound for (no subscriber yet).', [], () => [
      { labels: {}, value: this.relay.stats.unroutable },
    ]);
    metrics.observedCounter('agora_events_consumed_total', 'Deliveries the consumer finished, by outcome.', ['outcome'], () =>
      Object.entries(this.server.stats).map(([outcome, value]) => ({ labels: { outcome }, value })),
    );
  }

  onModuleInit(): void {
    this.health?.register({ name: BROKER_READINESS_CHECK, check: () => this.connection.check() });
    this.health?.register({ name: CONSUMER_READINESS_CHECK, check: () => this.server.check() });
  }

  /**
   * Connects to RabbitMQ (in the background, retrying until it is up), starts the relay, and
   * attaches the consumer to `app` so its `@EventPattern` handlers receive events.
   */
  async start(app: INestApplication): Promise<void> {
    if (this.state !== 'idle') return;
    this.state = 'started';
    // Filters are bound when listeners are registered, so initialisation is deferred until the
    // filter is set; the app has already run the lifecycle hooks the microservice would repeat.
    const microservice = app.connectMicroservice({ strategy: this.server }, { deferInitialization: true }) as NestMicroservice;
    microservice.useGlobalFilters(new EventHandlerErrorFilter());
    microservice.setIsInitHookCalled(true);
    await microservice.listen();
    if (this.options.relay.enabled) this.relay.start();
    this.queueDepth?.start();
  }

  /**
   * Stops consuming and waits for handlers, flushes the relay, closes the connection. Idempotent.
   * Bounded even when RabbitMQ is blocked: about `confirmTimeoutMs` (in-flight settles and the
   * relay's pass) + `flushTimeoutMs` + two `closeTimeoutMs`.
   */
  async stop(): Promise<void> {
    if (this.state !== 'started') return;
    this.state = 'stopped';
    this.queueDepth?.stop();
    await this.server.close();
    await this.relay.stop();
    await this.connection.stop();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }
}
