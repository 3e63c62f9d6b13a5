import { z } from 'zod';
import type { AnyEventContract } from './event-contract';
import { eventEnvelopeSchema } from './envelope';

export interface AsyncApiOptions {
  /** The document's version; bump it when the catalogue changes. */
  readonly version: string;
  /** The topic exchange every event is published to (`<namespace>.events`). */
  readonly exchange: string;
}

/** What `contracts/asyncapi.yaml` is generated with; bump the version with every catalogue change. */
export const ASYNCAPI_OPTIONS: AsyncApiOptions = { version: '1.0.0', exchange: 'agora.events' };

type JsonObject = Record<string, unknown>;

/**
 * The catalogue as an AsyncAPI 3.0 document (https://www.asyncapi.com/docs/reference/specification/v3.0.0):
 * one channel per event type (its address is the routing key on the topic exchange), one `send`
 * operation per channel for its producer, and the message payload as the whole CloudEvents
 * envelope with `data` replaced by the contract's schema. Pure, so a test can compare it with the
 * committed `contracts/asyncapi.yaml`.
 */
export function buildAsyncApiDocument(contracts: readonly AnyEventContract[], options: AsyncApiOptions): JsonObject {
  const channels: JsonObject = {};
  const operations: JsonObject = {};
  const messages: JsonObject = {};
  for (const contract of [...contracts].sort((a, b) => a.type.localeCompare(b.type))) {
    const key = componentKey(contract.type);
    messages[key] = {
      name: contract.type,
      title: contract.type,
      summary: contract.description,
      contentType: 'application/json',
      payload: envelopeJsonSchema(contract),
    };
    channels[key] = {
      address: contract.type,
      title: contract.type,
      description: contract.description,
      messages: { [key]: { $ref: `#/components/messages/${key}` } },
      bindings: {
        amqp: {
          is: 'routingKey',
          exchange: { name: options.exchange, type: 'topic', durable: true, autoDelete: false, vhost: '/' },
          bindingVersion: '0.3.0',
        },
      },
    };
    operations[`publish_${key}`] = {
      action: 'send',
      title: `${contract.source} publishes ${contract.type}`,
      channel: { $ref: `#/channels/${key}` },
      messages: [{ $ref: `#/channels/${key}/messages/${key}` }],
      bindings: { amqp: { deliveryMode: 2, mandatory: true, bindingVersion: '0.3.0' } },
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Agora domain events',
      version: options.version,
      description:
        'Every event Agora services publish, as CloudEvents 1.0 structured JSON on one topic exchange. ' +
        'The routing key is the event type. Generated from contracts/ by `node dist/tools/asyncapi/asyncapi.js`; do not edit.',
    },
    defaultContentType: 'application/json',
    servers: {
      local: {
        host: 'localhost:5672',
        protocol: 'amqp',
        protocolVersion: '0.9.1',
        description: 'RabbitMQ of docker compose and npm start',
      },
    },
    channels,
    operations,
    components: { messages },
  };
}

/** AsyncAPI component keys allow letters, digits, `.`, `_` and `-`; dots would read as paths in $refs. */
function componentKey(type: string): string {
  return type.replace(/[.-]/g, '_');
}

function envelopeJsonSchema(contract: AnyEventContract): JsonObject {
  const schema = eventEnvelopeSchema.extend({ type: z.literal(contract.type), data: contract.schema });
  // AsyncAPI's default schema format is a superset of JSON Schema draft 07.
  const { $schema: _ignored, ...jsonSchema } = z.toJSONSchema(schema, { target: 'draft-7', io: 'input' }) as JsonObject;
  return jsonSchema;
}
