/** A handler is declared for an event type that no contract in the catalogue defines. */
export class UnknownEventTypeError extends Error {
  constructor(
    readonly eventType: string,
    readonly service: string,
  ) {
    super(`${service} handles "${eventType}", which no event contract defines; add it to contracts/ first`);
    this.name = 'UnknownEventTypeError';
  }
}

/** The broker cannot take work now: not connected yet, reconnecting, or blocked by an alarm. */
export class BrokerUnavailableError extends Error {
  constructor(
    readonly status: string,
    readonly detail?: string,
  ) {
    super(`RabbitMQ is ${status}${detail ? `: ${detail}` : ''}`);
    this.name = 'BrokerUnavailableError';
  }
}

/** RabbitMQ did not confirm a publish (a nack, or the channel closed before the confirm). */
export class PublishNotConfirmedError extends Error {
  constructor(
    readonly routingKey: string,
    override readonly cause: unknown,
  ) {
    super(`RabbitMQ did not confirm a message to "${routingKey}": ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'PublishNotConfirmedError';
  }
}

/** The dead-letter queue does not exist: the service never started in this namespace. */
export class DeadLetterQueueMissingError extends Error {
  constructor(readonly queue: string) {
    super(`queue "${queue}" does not exist; has the service started with this namespace (BROKER_NAMESPACE)?`);
    this.name = 'DeadLetterQueueMissingError';
  }
}

/** A thrown value that is not an Error, wrapped so that its reason can be recorded. */
export class NonErrorThrownError extends Error {
  constructor(readonly thrown: unknown) {
    super(typeof thrown === 'object' ? JSON.stringify(thrown) : String(thrown));
    this.name = 'NonErrorThrownError';
  }
}

/** An option of `MessagingModule.forRoot` is out of range; says which and why. */
export class MessagingOptionsError extends Error {
  constructor(readonly problem: string) {
    super(`messaging options: ${problem}`);
    this.name = 'MessagingOptionsError';
  }
}

/**
 * The database pool cannot serve the consumer's handlers, the relay and requests at once: an event
 * burst would leave requests waiting for a connection.
 */
export class ConnectionBudgetError extends Error {
  constructor(
    readonly poolSize: number,
    readonly handlerConcurrency: number,
    readonly relayConnections: number,
    readonly minRequestConnections: number,
  ) {
    super(
      `a database pool of ${poolSize} connections cannot hold ${handlerConcurrency} concurrent event handlers, ` +
        `${relayConnections} for the outbox relay and at least ${minRequestConnections} for requests; ` +
        'raise DATABASE_POOL_SIZE or lower EVENT_HANDLER_CONCURRENCY',
    );
    this.name = 'ConnectionBudgetError';
  }
}
