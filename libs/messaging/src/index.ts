export { BrokerConnection, type BrokerState } from './broker/broker.connection';
export { CLOUDEVENTS_CONTENT_TYPE, publishOptions } from './broker/publish';
export { exchangeName, topologyNames, type TopologyNames } from './broker/topology';
export { DEFAULT_NAMESPACE, DEFAULT_PREFETCH, HEADERS } from './constants';
export { decodeMessage, type DecodedMessage } from './consumer/decode-message';
export { AGORA_EVENTS, type ConsumerStats, EventConsumerServer } from './consumer/event-consumer.server';
export { EventHandlerErrorFilter } from './consumer/event-handler-error.filter';
export { EventContext, type Transaction } from './consumer/event.context';
export { OnEvent } from './consumer/on-event.decorator';
export { decideHandlerFailure, DeliveryOutcome, FailureDecision, type FailureVerdict, ParkReason } from './consumer/failure.policy';
export {
  type DeadLetter,
  type DeadLetterTarget,
  listDeadLetters,
  purgeDeadLetters,
  replayDeadLetters,
  type ReplayOptions,
  type ReplayResult,
} from './dead-letter/dead-letters';
export { MESSAGING_MIGRATIONS } from './db/messaging.migrations';
export { inbox, outbox } from './db/messaging.schema';
export {
  BrokerUnavailableError,
  ConnectionBudgetError,
  DeadLetterQueueMissingError,
  MessagingOptionsError,
  NonErrorThrownError,
  PublishNotConfirmedError,
  UnknownEventTypeError,
} from './messaging.error';
export { type ConnectionBudget, connectionBudget } from './messaging.budget';
export { MessagingModule } from './messaging.module';
export { type MessagingOptions, type ResolvedMessagingOptions, resolveMessagingOptions, retryLadderMs } from './messaging.options';
export { BROKER_READINESS_CHECK, CONSUMER_READINESS_CHECK, MESSAGING_OPTIONS, MessagingRuntime } from './messaging.runtime';
export { Inbox, type InboxResult } from './inbox/inbox';
export { InboxPruner } from './inbox/inbox.pruner';
export { type AnyTransaction, Outbox } from './outbox/outbox';
export { OutboxRelay, type RelayStats } from './relay/outbox.relay';
