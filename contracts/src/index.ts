export { ASYNCAPI_OPTIONS, type AsyncApiOptions, buildAsyncApiDocument } from './asyncapi';
export { createCatalogue, EVENT_CONTRACTS, type EventCatalogue, eventCatalogue } from './catalogue';
export {
  buildEnvelope,
  CLOUDEVENTS_SPEC_VERSION,
  EVENT_CONTENT_TYPE,
  type EnvelopeMetadata,
  type EnvelopeOf,
  type EventEnvelope,
  eventEnvelopeSchema,
  parseEnvelope,
} from './envelope';
export {
  type AnyEventContract,
  defineEvent,
  EVENT_TYPE_PATTERN,
  type EventContract,
  type EventOf,
  InvalidContractError,
} from './event-contract';
export { EventValidationError, type ValidationTarget } from './event-validation.error';
export { UserRegistered } from './events/accounts.events';
export { ProductCreated, ProductPriceChanged } from './events/catalog.events';
export { type Shortage, StockRejected, StockReleased, StockReserved } from './events/inventory.events';
export { OrderCancelled, OrderConfirmed, OrderPlaced, OrderRejected } from './events/orders.events';
export { ReviewPosted } from './events/reviews.events';
export { ROLES, type Role } from './roles';
export { UUID_PATTERN, uuidv7 } from './uuidv7';
