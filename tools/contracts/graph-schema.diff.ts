import { Supergraph } from '@apollo/federation-internals';
import { type Change, CriticalityLevel, diff } from '@graphql-inspector/core';
import { buildSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { ChangeLevel, type ContractChange, ContractKind } from './contract-change';

/**
 * The schema clients query: the supergraph's API schema (what the gateway serves, without the
 * `join__` and `link` machinery of federation), types and fields sorted so that diffs of the
 * committed baseline read well.
 */
export function apiSchemaOf(supergraphSdl: string): string {
  const api = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  return `${printSchema(lexicographicSortSchema(api))}\n`;
}

const LEVELS: Record<CriticalityLevel, ChangeLevel> = {
  [CriticalityLevel.Breaking]: ChangeLevel.Breaking,
  [CriticalityLevel.Dangerous]: ChangeLevel.Dangerous,
  [CriticalityLevel.NonBreaking]: ChangeLevel.Safe,
};

/**
 * Compares two API schemas with GraphQL Inspector's rules
 * (https://the-guild.dev/graphql/inspector/docs/essentials/diff): a removed field or type, an
 * argument made required, an output field made nullable are breaking; a new enum value or a
 * changed default is dangerous; a new type, field or optional argument is safe.
 */
export async function diffApiSchemas(baselineSdl: string, currentSdl: string): Promise<ContractChange[]> {
  const changes = await diff(buildSchema(baselineSdl), buildSchema(currentSdl));
  return changes.map((found: Change) => ({
    contract: ContractKind.Graph,
    level: LEVELS[found.criticality.level],
    path: found.path ?? found.type,
    message: found.message,
  }));
}
