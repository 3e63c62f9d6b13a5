import type { AnyEventContract } from '@agora/contracts';
import { z } from 'zod';
import type { EventSchemas, JsonSchema } from './event-schema.diff';

/**
 * Each event type's payload as JSON Schema, sorted by type. The input side of each zod schema
 * (`io: 'input'`) is what a consumer's validation accepts, which is the contract that matters to
 * messages already in queues.
 */
export function eventSchemasOf(contracts: readonly AnyEventContract[]): EventSchemas {
  const sorted = [...contracts].sort((a, b) => a.type.localeCompare(b.type));
  return Object.fromEntries(
    sorted.map((contract) => {
      const { $schema: _dialect, ...schema } = z.toJSONSchema(contract.schema, { io: 'input' }) as JsonSchema;
      return [contract.type, schema];
    }),
  );
}
