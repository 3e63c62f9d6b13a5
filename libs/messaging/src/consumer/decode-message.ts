import { type AnyEventContract, type EventCatalogue, type EventEnvelope, EventValidationError, parseEnvelope } from '@agora/contracts';
import { ParkReason } from './failure.policy';

export type DecodedMessage =
  | { readonly kind: 'event'; readonly contract: AnyEventContract; readonly envelope: EventEnvelope }
  | { readonly kind: 'invalid'; readonly reason: ParkReason; readonly detail: string };

/**
 * Turns a message body into a validated envelope, or says why it can never be handled: no retry
 * can fix a body that is not JSON, names no known contract, or breaks its schema.
 */
export function decodeMessage(content: Buffer, catalogue: EventCatalogue): DecodedMessage {
  let json: unknown;
  try {
    json = JSON.parse(content.toString('utf8'));
  } catch (error) {
    return { kind: 'invalid', reason: ParkReason.NotJson, detail: `body is not JSON: ${(error as Error).message}` };
  }
  const type = typeof json === 'object' && json !== null ? (json as { type?: unknown }).type : undefined;
  const contract = typeof type === 'string' ? catalogue.get(type) : undefined;
  if (!contract) {
    return { kind: 'invalid', reason: ParkReason.UnknownContract, detail: `no contract for event type ${JSON.stringify(type)}` };
  }
  try {
    return { kind: 'event', contract, envelope: parseEnvelope(contract, json) };
  } catch (error) {
    if (error instanceof EventValidationError) return { kind: 'invalid', reason: ParkReason.InvalidEvent, detail: error.message };
    throw error;
  }
}
