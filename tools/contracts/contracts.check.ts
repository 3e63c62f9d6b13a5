import type { AnyEventContract } from '@agora/contracts';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { addEntry } from './changelog';
import { ChangeLevel, type ContractChange, sortChanges } from './contract-change';
import {
  CONTRACT_FILES,
  type ContractSnapshot,
  MissingBaselineError,
  parseEvents,
  readBaseline,
  readCurrentContracts,
  readOptional,
  writeBaseline,
} from './contract-files';
import { diffEventSchemas } from './event-schema.diff';
import { diffApiSchemas } from './graph-schema.diff';

/** Where the contracts live and which event contracts are current. */
export interface ContractsWorkspace {
  /** The repository root (a copy of it in tests). */
  readonly root: string;
  readonly eventContracts: readonly AnyEventContract[];
}

export interface ContractsComparison {
  readonly changes: readonly ContractChange[];
  /** The baseline files equal what `contracts:accept` would write now. */
  readonly baselineIsCurrent: boolean;
  readonly current: ContractSnapshot;
}

/** Compares the current contracts with the committed baseline (throws `MissingBaselineError` without one). */
export async function compareContracts(workspace: ContractsWorkspace): Promise<ContractsComparison> {
  const current = await readCurrentContracts(workspace.root, workspace.eventContracts);
  const baseline = await readBaseline(workspace.root);
  if (!baseline) throw new MissingBaselineError(CONTRACT_FILES.graphBaseline);
  const changes = [
    ...(await diffApiSchemas(baseline.graph, current.graph)),
    ...diffEventSchemas(parseEvents(baseline.events), parseEvents(current.events)),
  ];
  const baselineIsCurrent = baseline.graph === current.graph && baseline.events === current.events;
  return { changes: sortChanges(changes), baselineIsCurrent, current };
}

export function breakingChanges(changes: readonly ContractChange[]): ContractChange[] {
  return changes.filter((change) => change.level === ChangeLevel.Breaking);
}

/** Breaking changes cannot be accepted silently. */
export class ReasonRequiredError extends Error {
  constructor(readonly breaking: readonly ContractChange[]) {
    super(
      `${breaking.length} breaking change(s) since the baseline; accepting them needs a reason for the changelog: ` +
        'npm run contracts:accept -- --reason "why clients and consumers can take this break"',
    );
    this.name = 'ReasonRequiredError';
  }
}

export interface AcceptOptions {
  /** Required when a change is breaking; recorded in the changelog. */
  readonly reason?: string;
  /** `YYYY-MM-DD`, today by default. */
  readonly date?: string;
}

export type AcceptOutcome =
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'first-baseline' }
  | { readonly kind: 'refreshed'; readonly changes: readonly ContractChange[] };

/**
 * Moves the baseline to the current contracts. Every change is recorded in the changelog, breaking
 * ones only with a reason; a baseline that differs only in form (order, header) is rewritten
 * without an entry.
 */
export async function acceptContracts(workspace: ContractsWorkspace, options: AcceptOptions = {}): Promise<AcceptOutcome> {
  const date = options.date ?? new Date().toISOString().slice(0, 10);
  const changelogFile = path.join(workspace.root, CONTRACT_FILES.changelog);
  const changelog = await readOptional(changelogFile);
  if (!(await readBaseline(workspace.root))) {
    const current = await readCurrentContracts(workspace.root, workspace.eventContracts);
    const summary = `The API schema of the supergraph and the payloads of ${workspace.eventContracts.length} event types.`;
    await writeFile(changelogFile, addEntry(changelog, { date, reason: options.reason ?? 'First baseline', changes: [], summary }));
    await writeBaseline(workspace.root, current);
    return { kind: 'first-baseline' };
  }
  const { changes, baselineIsCurrent, current } = await compareContracts(workspace);
  if (baselineIsCurrent) return { kind: 'unchanged' };
  const breaking = breakingChanges(changes);
  const reason = options.reason?.trim();
  if (breaking.length > 0 && !reason) throw new ReasonRequiredError(breaking);
  if (changes.length > 0) await writeFile(changelogFile, addEntry(changelog, { date, changes, ...(reason ? { reason } : {}) }));
  await writeBaseline(workspace.root, current);
  return { kind: 'refreshed', changes };
}
