#!/usr/bin/env node
// Contract safety for the graph and the events, in the repository:
//   node dist/tools/contracts/contracts.js check             (`npm run contracts:check`)
//   node dist/tools/contracts/contracts.js accept [--reason "…"]   (`npm run contracts:accept -- --reason "…"`)
// `--root <dir>` reads and writes the files of another copy of the repository (for tests).
import { EVENT_CONTRACTS } from '@agora/contracts';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ChangeLevel, type ContractChange } from './contract-change';
import { CONTRACT_FILES } from './contract-files';
import { acceptContracts, breakingChanges, compareContracts, type ContractsWorkspace } from './contracts.check';

const USAGE = 'usage: node dist/tools/contracts/contracts.js check|accept [--reason "…"] [--root <dir>]';
const BASELINE_FILES = `${path.dirname(CONTRACT_FILES.graphBaseline)}/ and ${CONTRACT_FILES.changelog}`;

/** One line per change: `breaking   graph   Product.priceCents — Field 'priceCents' was removed…`. */
export function formatChange(change: ContractChange): string {
  return `  ${change.level.padEnd(9)} ${change.contract.padEnd(6)} ${change.path} — ${change.message}`;
}

async function check(workspace: ContractsWorkspace): Promise<number> {
  const { changes, baselineIsCurrent } = await compareContracts(workspace);
  const counted = `the graph and ${workspace.eventContracts.length} event types`;
  if (changes.length === 0) {
    console.log(
      `contracts: ${counted} match the baseline${baselineIsCurrent ? '' : ' (in substance; `npm run contracts:accept` rewrites its form)'}`,
    );
    return 0;
  }
  console.log(`contracts: ${changes.length} change(s) since the baseline:`);
  for (const change of changes) console.log(formatChange(change));
  const breaking = breakingChanges(changes);
  if (breaking.length > 0) {
    console.error(
      [
        `contracts: ${breaking.length} breaking change(s) not acknowledged: clients or consumers built against the baseline would break.`,
        '  Prefer a compatible change: deprecate a field before removing it, add an optional argument, publish a new',
        '  `.v<N+1>` event type beside the old one. To accept the break anyway, say why (the changelog keeps it):',
        '  npm run contracts:accept -- --reason "…"',
      ].join('\n'),
    );
    return 1;
  }
  const dangerous = changes.some((change) => change.level === ChangeLevel.Dangerous);
  console.log(
    `contracts: nothing breaking${dangerous ? ' (read the dangerous ones)' : ''}. ` +
      `Refresh the baseline with \`npm run contracts:accept\` and commit ${BASELINE_FILES}.`,
  );
  return 0;
}

async function accept(workspace: ContractsWorkspace, reason: string | undefined): Promise<number> {
  const outcome = await acceptContracts(workspace, { reason });
  switch (outcome.kind) {
    case 'unchanged':
      console.log('contracts: the baseline is already current; nothing to accept');
      return 0;
    case 'first-baseline':
      console.log(`contracts: recorded the first baseline; commit ${BASELINE_FILES}`);
      return 0;
    case 'refreshed':
      for (const change of outcome.changes) console.log(formatChange(change));
      console.log(`contracts: baseline moved (${outcome.changes.length} change(s) recorded); commit ${BASELINE_FILES}`);
      return 0;
  }
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { reason: { type: 'string' }, root: { type: 'string' } },
  });
  const workspace = { root: path.resolve(values.root ?? '.'), eventContracts: EVENT_CONTRACTS };
  const [command, ...extra] = positionals;
  if (extra.length > 0) throw new Error(USAGE);
  if (command === 'check' && values.reason === undefined) return check(workspace);
  if (command === 'accept') return accept(workspace, values.reason);
  throw new Error(USAGE);
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
