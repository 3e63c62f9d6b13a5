import type { AnyEventContract } from '@agora/contracts';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { EventSchemas } from './event-schema.diff';
import { eventSchemasOf } from './event-schemas';
import { apiSchemaOf } from './graph-schema.diff';

/** Repository-relative paths of what the check reads and `contracts:accept` writes. */
export const CONTRACT_FILES = {
  /** The composed supergraph, kept equal to the subgraphs' code by the compose test. */
  supergraph: 'gateway/supergraph.graphql',
  /** The API schema as released. */
  graphBaseline: 'contracts/baseline/graph.graphql',
  /** Each event type's payload schema as released. */
  eventsBaseline: 'contracts/baseline/events.json',
  changelog: 'contracts/CHANGELOG.md',
} as const;

const GRAPH_BASELINE_HEADER =
  '# The API schema of gateway/supergraph.graphql as released. Moved by `npm run contracts:accept`; do not edit.\n';

/** Both contracts, rendered as the baseline files hold them. */
export interface ContractSnapshot {
  readonly graph: string;
  readonly events: string;
}

export class MissingBaselineError extends Error {
  constructor(readonly file: string) {
    super(`${file} is missing: record the first baseline with \`npm run contracts:accept\``);
    this.name = 'MissingBaselineError';
  }
}

/** The contracts as they are now: the API schema of the committed supergraph, the events of `contracts`. */
export async function readCurrentContracts(root: string, contracts: readonly AnyEventContract[]): Promise<ContractSnapshot> {
  const supergraph = await readFile(path.join(root, CONTRACT_FILES.supergraph), 'utf8');
  return { graph: `${GRAPH_BASELINE_HEADER}${apiSchemaOf(supergraph)}`, events: renderEvents(eventSchemasOf(contracts)) };
}

/** The committed baseline, or undefined before the first one is recorded. */
export async function readBaseline(root: string): Promise<ContractSnapshot | undefined> {
  const graph = await readOptional(path.join(root, CONTRACT_FILES.graphBaseline));
  const events = await readOptional(path.join(root, CONTRACT_FILES.eventsBaseline));
  if (graph === undefined && events === undefined) return undefined;
  if (graph === undefined) throw new MissingBaselineError(CONTRACT_FILES.graphBaseline);
  if (events === undefined) throw new MissingBaselineError(CONTRACT_FILES.eventsBaseline);
  return { graph, events };
}

export async function writeBaseline(root: string, snapshot: ContractSnapshot): Promise<void> {
  await mkdir(path.dirname(path.join(root, CONTRACT_FILES.graphBaseline)), { recursive: true });
  await writeFile(path.join(root, CONTRACT_FILES.graphBaseline), snapshot.graph);
  await writeFile(path.join(root, CONTRACT_FILES.eventsBaseline), snapshot.events);
}

export function parseEvents(rendered: string): EventSchemas {
  return JSON.parse(rendered) as EventSchemas;
}

function renderEvents(events: EventSchemas): string {
  return `${JSON.stringify(events, null, 2)}\n`;
}

export async function readOptional(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
