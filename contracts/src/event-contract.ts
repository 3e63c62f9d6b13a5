import type { z } from 'zod';

/** `<context>.<aggregate>.<past-tense-verb>.v<N>`; also the RabbitMQ routing key. */
export const EVENT_TYPE_PATTERN = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.v[1-9][0-9]*$/;

/** One versioned event: its name (the routing key), who publishes it, and its payload schema. */
export interface EventContract<Type extends string = string, Schema extends z.ZodType = z.ZodType> {
  readonly type: Type;
  /** The `v<N>` suffix of the type; an incompatible change is a new version with a new type. */
  readonly version: number;
  /** CloudEvents `source`: the producing service, as a URI reference (`/agora/orders`). */
  readonly source: string;
  readonly description: string;
  readonly schema: Schema;
}

/** Any contract, for catalogues and transports that handle every event alike. */
export type AnyEventContract = EventContract<string, z.ZodType>;

/** The payload (`data`) of an event, as handlers receive and producers record it. */
export type EventOf<Contract extends AnyEventContract> = z.infer<Contract['schema']>;

/** Thrown at module load when a contract is malformed: a bug, not a runtime condition. */
export class InvalidContractError extends Error {
  constructor(
    readonly type: string,
    readonly problem: string,
  ) {
    super(`event contract "${type}" is invalid: ${problem}`);
    this.name = 'InvalidContractError';
  }
}

/**
 * Declares an event contract. The type string is written out in full (never derived from a class
 * name) so that a search for the routing key finds its contract.
 */
export function defineEvent<const Type extends string, Schema extends z.ZodType>(definition: {
  readonly type: Type;
  readonly source: string;
  readonly description: string;
  readonly schema: Schema;
}): EventContract<Type, Schema> {
  if (!EVENT_TYPE_PATTERN.test(definition.type)) {
    throw new InvalidContractError(definition.type, 'the type must read <context>.<aggregate>.<verb>.v<N>');
  }
  if (!definition.source.startsWith('/')) {
    throw new InvalidContractError(definition.type, 'the source must be a URI path such as /agora/orders');
  }
  const version = Number(definition.type.slice(definition.type.lastIndexOf('.v') + 2));
  return Object.freeze({ ...definition, version });
}
