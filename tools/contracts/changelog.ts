import { ChangeLevel, type ContractChange, sortChanges } from './contract-change';

/** New entries go right below this line, newest first. */
export const CHANGELOG_MARKER = '<!-- contracts:accept adds entries below this line, newest first -->';

const HEADER = `# Contract changelog

Every accepted change to Agora's two public contracts: the graph that clients query
(\`contracts/baseline/graph.graphql\`, the API schema of \`gateway/supergraph.graphql\`) and the
payloads of the events that services exchange (\`contracts/baseline/events.json\`, from
\`contracts/src\`). \`npm run contracts:accept\` writes the entries; an accepted breaking change
carries the reason it was accepted.

${CHANGELOG_MARKER}
`;

const HEADINGS: Record<ChangeLevel, string> = {
  [ChangeLevel.Breaking]: 'Breaking (accepted)',
  [ChangeLevel.Dangerous]: 'Dangerous',
  [ChangeLevel.Safe]: 'Safe',
};

export interface ChangelogEntry {
  /** `YYYY-MM-DD` */
  readonly date: string;
  readonly reason?: string;
  readonly changes: readonly ContractChange[];
  /** Set for the first baseline, which has no changes to list. */
  readonly summary?: string;
}

export function renderEntry(entry: ChangelogEntry): string {
  const reason = entry.reason?.replace(/\s+/g, ' ').trim();
  const title =
    reason || (entry.changes.some((change) => change.level === ChangeLevel.Breaking) ? 'Breaking changes' : 'Compatible changes');
  const sections = [`## ${entry.date}: ${title}`];
  if (entry.summary) sections.push(entry.summary);
  const sorted = sortChanges(entry.changes);
  for (const level of [ChangeLevel.Breaking, ChangeLevel.Dangerous, ChangeLevel.Safe]) {
    const listed = sorted.filter((change) => change.level === level);
    if (listed.length === 0) continue;
    sections.push(`${HEADINGS[level]}:`, listed.map((change) => `- ${change.contract} \`${change.path}\`: ${change.message}`).join('\n'));
  }
  return `${sections.join('\n\n')}\n`;
}

/** The changelog with `entry` on top; a missing changelog is started. */
export function addEntry(changelog: string | undefined, entry: ChangelogEntry): string {
  const current = changelog ?? HEADER;
  const at = current.indexOf(CHANGELOG_MARKER);
  if (at < 0) throw new Error(`the contract changelog has lost its marker line; put back "${CHANGELOG_MARKER}" above the entries`);
  const end = at + CHANGELOG_MARKER.length;
  const rest = current.slice(end).replace(/^\n+/, '');
  return `${current.slice(0, end)}\n\n${renderEntry(entry)}${rest ? `\n${rest}` : ''}`;
}
