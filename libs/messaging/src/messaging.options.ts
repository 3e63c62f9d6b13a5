import { type EventCatalogue, eventCatalogue } from '@agora/contracts';
import {
  DEFAULT_CLOSE_TIMEOUT_MS,
  DEFAULT_CONFIRM_TIMEOUT_MS,
  DEFAULT_DELIVERY_LIMIT,
  DEFAULT_FLUSH_TIMEOUT_MS,
  DEFAULT_INBOX_PRUNE_INTERVAL_MS,
  DEFAULT_INBOX_RETENTION_MS,
  DEFAULT_NAMESPACE,
  DEFAULT_OUTBOX_RETENTION_MS,
  DEFAULT_PREFETCH,
  DEFAULT_PRUNE_INTERVAL_MS,
  DEFAULT_RECONNECT_INITIAL_DELAY_MS,
  DEFAULT_RECONNECT_MAX_DELAY_MS,
  DEFAULT_RELAY_BATCH_SIZE,
  DEFAULT_RELAY_POLL_INTERVAL_MS,
  DEFAULT_RETRY_DELAYS_MS,
} from './constants';
import { MessagingOptionsError } from './messaging.error';

/** How a service uses the kit. Only `service` and `url` are required. */
export interface MessagingOptions {
  /** The service name; names its queue (`<namespace>.<service>`) and its inbox rows. */
  readonly service: string;
  /** The RabbitMQ URL. */
  readonly url: string;
  /** Prefixes every exchange and queue, so tests and parallel systems never collide. */
  readonly namespace?: string;
  /** The contracts events are validated against; Agora's catalogue by default. */
  readonly catalogue?: EventCatalogue;
  readonly consumer?: {
    /** Deliveries held at once, which is also the number of concurrent handler transactions. */
    readonly prefetch?: number;
    readonly retryDelaysMs?: readonly number[];
    readonly deliveryLimit?: number;
    /** How long applied event ids are kept; must exceed the retry ladder. */
    readonly inboxRetentionMs?: number;
    readonly inboxPruneIntervalMs?: number;
  };
  readonly relay?: {
    /** Set false in a service that only consumes. */
    readonly enabled?: boolean;
    readonly batchSize?: number;
    readonly pollIntervalMs?: number;
    readonly retentionMs?: number;
    readonly pruneIntervalMs?: number;
    readonly flushTimeoutMs?: number;
  };
  /** Deadlines of every wait on RabbitMQ. */
  readonly broker?: { readonly confirmTimeoutMs?: number; readonly closeTimeoutMs?: number };
  readonly reconnect?: { readonly initialDelayMs?: number; readonly maxDelayMs?: number };
}

/** Options with every default applied. */
export interface ResolvedMessagingOptions {
  readonly service: string;
  readonly url: string;
  readonly namespace: string;
  readonly catalogue: EventCatalogue;
  readonly consumer: {
    readonly prefetch: number;
    readonly retryDelaysMs: readonly number[];
    readonly deliveryLimit: number;
    readonly inboxRetentionMs: number;
    readonly inboxPruneIntervalMs: number;
  };
  readonly relay: {
    readonly enabled: boolean;
    readonly batchSize: number;
    readonly pollIntervalMs: number;
    readonly retentionMs: number;
    readonly pruneIntervalMs: number;
    readonly flushTimeoutMs: number;
  };
  readonly broker: { readonly confirmTimeoutMs: number; readonly closeTimeoutMs: number };
  readonly reconnect: { readonly initialDelayMs: number; readonly maxDelayMs: number };
}

const NAME_PATTERN = /^[a-z0-9][a-z0-9._-]*$/i;

/** The longest a message can take from its first delivery to its last retry. */
export function retryLadderMs(retryDelaysMs: readonly number[]): number {
  return retryDelaysMs.reduce((total, delay) => total + delay, 0);
}

export function resolveMessagingOptions(options: MessagingOptions): ResolvedMessagingOptions {
  const namespace = options.namespace ?? DEFAULT_NAMESPACE;
  for (const [label, value] of [
    ['service', options.service],
    ['namespace', namespace],
  ] as const) {
    if (!NAME_PATTERN.test(value)) throw new MessagingOptionsError(`${label} "${value}" must be letters, digits, dot, dash or underscore`);
  }
  const retryDelaysMs = options.consumer?.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  if (retryDelaysMs.some((delay) => !Number.isInteger(delay) || delay <= 0)) {
    throw new MessagingOptionsError('retry delays must be positive integers (milliseconds)');
  }
  const inboxRetentionMs = options.consumer?.inboxRetentionMs ?? DEFAULT_INBOX_RETENTION_MS;
  if (inboxRetentionMs <= retryLadderMs(retryDelaysMs)) {
    throw new MessagingOptionsError(
      `inbox retention (${inboxRetentionMs} ms) must be longer than the retry ladder (${retryLadderMs(retryDelaysMs)} ms), or a retried event could be applied twice`,
    );
  }
  const resolved: ResolvedMessagingOptions = {
    service: options.service,
    url: options.url,
    namespace,
    catalogue: options.catalogue ?? eventCatalogue,
    consumer: {
      prefetch: options.consumer?.prefetch ?? DEFAULT_PREFETCH,
      retryDelaysMs,
      deliveryLimit: options.consumer?.deliveryLimit ?? DEFAULT_DELIVERY_LIMIT,
      inboxRetentionMs,
      inboxPruneIntervalMs: options.consumer?.inboxPruneIntervalMs ?? DEFAULT_INBOX_PRUNE_INTERVAL_MS,
    },
    relay: {
      enabled: options.relay?.enabled ?? true,
      batchSize: options.relay?.batchSize ?? DEFAULT_RELAY_BATCH_SIZE,
      pollIntervalMs: options.relay?.pollIntervalMs ?? DEFAULT_RELAY_POLL_INTERVAL_MS,
      retentionMs: options.relay?.retentionMs ?? DEFAULT_OUTBOX_RETENTION_MS,
      pruneIntervalMs: options.relay?.pruneIntervalMs ?? DEFAULT_PRUNE_INTERVAL_MS,
      flushTimeoutMs: options.relay?.flushTimeoutMs ?? DEFAULT_FLUSH_TIMEOUT_MS,
    },
    broker: {
      confirmTimeoutMs: options.broker?.confirmTimeoutMs ?? DEFAULT_CONFIRM_TIMEOUT_MS,
      closeTimeoutMs: options.broker?.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS,
    },
    reconnect: {
      initialDelayMs: options.reconnect?.initialDelayMs ?? DEFAULT_RECONNECT_INITIAL_DELAY_MS,
      maxDelayMs: options.reconnect?.maxDelayMs ?? DEFAULT_RECONNECT_MAX_DELAY_MS,
    },
  };
  for (const [label, value] of [
    ['consumer.prefetch', resolved.consumer.prefetch],
    ['broker.confirmTimeoutMs', resolved.broker.confirmTimeoutMs],
    ['broker.closeTimeoutMs', resolved.broker.closeTimeoutMs],
    ['consumer.inboxPruneIntervalMs', resolved.consumer.inboxPruneIntervalMs],
  ] as const) {
    if (!Number.isInteger(value) || value <= 0) throw new MessagingOptionsError(`${label} must be a positive integer, got ${value}`);
  }
  return resolved;
}
