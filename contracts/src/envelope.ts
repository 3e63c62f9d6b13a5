import { z } from 'zod';
import type { AnyEventContract, EventOf } from './event-contract';
import { EventValidationError } from './event-validation.error';
import { UUID_PATTERN, uuidv7 } from './uuidv7';

export const CLOUDEVENTS_SPEC_VERSION = '1.0';
export const EVENT_CONTENT_TYPE = 'application/json';

/** W3C trace context, https://www.w3.org/TR/trace-context/#traceparent-header */
const TRACEPARENT_PATTERN = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/**
 * Every event on the wire: CloudEvents 1.0 in structured JSON mode
 * (https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/formats/json-format.md), with the
 * extensions `correlationid` (the request that started it all), `causationid` (the event that
 * caused this one) and `traceparent` (distributed tracing). Extension names are lowercase
 * alphanumerics, as CloudEvents requires.
 */
export const eventEnvelopeSchema = z.object({
  specversion: z.literal(CLOUDEVENTS_SPEC_VERSION),
  id: z.string().regex(UUID_PATTERN, 'must be a UUID'),
  type: z.string().min(1),
  source: z.string().min(1),
  time: z.iso.datetime({ offset: true }),
  datacontenttype: z.literal(EVENT_CONTENT_TYPE),
  data: z.unknown(),
  correlationid: z.string().min(1),
  causationid: z.string().min(1).optional(),
  traceparent: z.string().regex(TRACEPARENT_PATTERN).optional(),
});

export type EventEnvelope<Data = unknown> = Omit<z.infer<typeof eventEnvelopeSchema>, 'data'> & { readonly data: Data };

/** The envelope of one contract's event, with its payload typed. */
export type EnvelopeOf<Contract extends AnyEventContract> = EventEnvelope<EventOf<Contract>> & { readonly type: Contract['type'] };

/** What a producer may set; everything else comes from the contract or is generated. */
export interface EnvelopeMetadata {
  /** Defaults to a new UUIDv7. */
  readonly id?: string;
  /** Defaults to now. */
  readonly time?: Date;
  /** The request or process that started the chain; defaults to the event's own id. */
  readonly correlationId?: string;
  /** The id of the event whose handling caused this one. */
  readonly causationId?: string;
  readonly traceparent?: string;
}

/** Builds an event's envelope, validating the payload against its contract (throws if invalid). */
export function buildEnvelope<Contract extends AnyEventContract>(
  contract: Contract,
  data: EventOf<Contract>,
  metadata: EnvelopeMetadata = {},
): EnvelopeOf<Contract> {
  const parsed = contract.schema.safeParse(data);
  if (!parsed.success) throw new EventValidationError(contract.type, 'data', formatIssues(parsed.error));
  const id = metadata.id ?? uuidv7();
  const envelope = {
    specversion: CLOUDEVENTS_SPEC_VERSION,
    id,
    type: contract.type,
    source: contract.source,
    time: (metadata.time ?? new Date()).toISOString(),
    datacontenttype: EVENT_CONTENT_TYPE,
    data: parsed.data,
    correlationid: metadata.correlationId ?? id,
    ...(metadata.causationId ? { causationid: metadata.causationId } : {}),
    ...(metadata.traceparent ? { traceparent: metadata.traceparent } : {}),
  } as const;
  const checked = eventEnvelopeSchema.safeParse(envelope);
  if (!checked.success) throw new EventValidationError(contract.type, 'envelope', formatIssues(checked.error));
  return envelope as EnvelopeOf<Contract>;
}

/**
 * Checks a received value: the envelope first, then its payload against `contract`. Returns the
 * envelope with the parsed payload (defaults applied, unknown keys stripped).
 */
export function parseEnvelope<Contract extends AnyEventContract>(contract: Contract, value: unknown): EnvelopeOf<Contract> {
  const envelope = eventEnvelopeSchema.safeParse(value);
  if (!envelope.success) throw new EventValidationError(contract.type, 'envelope', formatIssues(envelope.error));
  if (envelope.data.type !== contract.type) {
    throw new EventValidationError(contract.type, 'envelope', [`type is "${envelope.data.type}"`]);
  }
  const data = contract.schema.safeParse(envelope.data.data);
  if (!data.success) throw new EventValidationError(contract.type, 'data', formatIssues(data.error));
  return { ...envelope.data, data: data.data } as EnvelopeOf<Contract>;
}

function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`);
}
