/** Defaults and names of the messaging kit, in one place. */

export const DEFAULT_NAMESPACE = 'agora';

/** `<namespace>.events`: the one durable topic exchange every service publishes to. */
export const EXCHANGE_SUFFIX = 'events';
export const DEAD_LETTER_SUFFIX = 'dlq';
export const RETRY_SUFFIX = 'retry';

/**
 * PostgreSQL channel the outbox notifies at commit (its insert trigger, migration 0002, names it);
 * per database, so no namespace is needed.
 */
export const OUTBOX_CHANNEL = 'messaging_outbox';

/**
 * Messages a consumer holds unacknowledged at once; also how many handlers run concurrently, each
 * holding one pooled database connection for its transaction. Kept well below the pool's size so
 * that requests always find a connection (see `connectionBudget`).
 */
export const DEFAULT_PREFETCH = 5;
/** Pool connections the relay holds at most: one statement at a time, never across a broker wait. */
export const RELAY_CONNECTIONS = 1;
/** Pool connections that must stay free for requests beside handlers and the relay. */
export const MIN_REQUEST_CONNECTIONS = 1;
/**
 * Delays before each retry of a failing handler; their count is the number of retries, so a
 * message is tried `length + 1` times before it is parked.
 */
export const DEFAULT_RETRY_DELAYS_MS = [1_000, 10_000, 60_000, 300_000] as const;
/**
 * Redeliveries (consumer crashes, lost connections) after which RabbitMQ itself dead-letters a
 * message to the DLQ: a message that kills its consumer must not loop forever. RabbitMQ 4 applies
 * a default of 20 and drops the message unless a dead-letter target is set, so we always set one.
 * https://www.rabbitmq.com/docs/quorum-queues#poison-message-handling
 */
export const DEFAULT_DELIVERY_LIMIT = 20;

/** Rows claimed per relay batch: the window of unconfirmed publishes. */
export const DEFAULT_RELAY_BATCH_SIZE = 500;
/** The relay looks for rows this often even without a notification (a lost NOTIFY, a crash). */
export const DEFAULT_RELAY_POLL_INTERVAL_MS = 1_000;
/** Sent rows are kept this long for auditing and debugging, then pruned. */
export const DEFAULT_OUTBOX_RETENTION_MS = 7 * 24 * 60 * 60 * 1_000;
export const DEFAULT_PRUNE_INTERVAL_MS = 60 * 60 * 1_000;
/** How long a stopping relay may spend publishing what is left. */
export const DEFAULT_FLUSH_TIMEOUT_MS = 5_000;
/**
 * A claimed outbox row belongs to its relay for this many confirm deadlines; a relay that died
 * after claiming leaves its rows to others once the claim lapses.
 */
export const CLAIM_LEASE_CONFIRM_DEADLINES = 3;

/**
 * Every publish waits at most this long for RabbitMQ's confirm. A connection blocked by a memory
 * or disk alarm takes writes and never confirms them; past the deadline the publish counts as
 * failed (the relay keeps the row, the consumer returns the delivery to its queue).
 */
export const DEFAULT_CONFIRM_TIMEOUT_MS = 10_000;
/** Closing a channel or connection waits this long for the broker's reply, then drops the socket. */
export const DEFAULT_CLOSE_TIMEOUT_MS = 2_000;

/**
 * Inbox rows (ids of applied events) are kept this long, then pruned. A message can come back
 * after it was applied by a redelivery (seconds), a retry (the retry ladder: about 6 minutes by
 * default) or a dead-letter replay; `dlq replay` refuses messages older than this, so the inbox
 * remembers every id that can still arrive.
 */
export const DEFAULT_INBOX_RETENTION_MS = 14 * 24 * 60 * 60 * 1_000;
export const DEFAULT_INBOX_PRUNE_INTERVAL_MS = 60 * 60 * 1_000;
/** Rows deleted per pruning statement, so that pruning never holds a long transaction. */
export const PRUNE_BATCH_SIZE = 5_000;

export const DEFAULT_RECONNECT_INITIAL_DELAY_MS = 200;
export const DEFAULT_RECONNECT_MAX_DELAY_MS = 10_000;
/** AMQP heartbeat, so a dead TCP peer is noticed within about two intervals. */
export const HEARTBEAT_SECONDS = 10;
export const CONNECT_TIMEOUT_MS = 5_000;

/** Headers the kit sets on retried and parked messages. */
export const HEADERS = {
  /** 1-based number of the delivery attempt the message is on. */
  attempt: 'x-agora-attempt',
  /** The error of the last failed attempt. */
  error: 'x-agora-error',
  /** The routing key (event type) the message was first published with. */
  originalRoutingKey: 'x-agora-original-routing-key',
  /** When the message was parked. */
  parkedAt: 'x-agora-parked-at',
  /** Why it was parked: one of `ParkReason`. */
  parkReason: 'x-agora-park-reason',
} as const;

/** Headers are sent as strings and truncated: RabbitMQ limits a header table to 64 KiB. */
export const MAX_ERROR_HEADER_LENGTH = 2_000;

export const LOG_CONTEXT = {
  broker: 'Broker',
  relay: 'OutboxRelay',
  consumer: 'EventConsumer',
  inbox: 'Inbox',
} as const;

/**
 * Socket options of every connection to RabbitMQ. Without `noDelay`, Nagle's algorithm holds a
 * publish's later frames until the broker acknowledges the first, and the broker's delayed ACK
 * can make that about 40 ms per publish-to-confirm (one order's saga hop measured ~44 ms, then ~4 ms).
 */
export const AMQP_SOCKET_OPTIONS = { noDelay: true } as const;
