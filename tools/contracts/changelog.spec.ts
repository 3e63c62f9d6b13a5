import { addEntry, CHANGELOG_MARKER } from './changelog';
import { ChangeLevel, ContractKind } from './contract-change';

const removed = { contract: ContractKind.Graph, level: ChangeLevel.Breaking, path: 'Product.priceCents', message: 'Field removed' };
const added = {
  contract: ContractKind.Events,
  level: ChangeLevel.Safe,
  path: 'orders.order.placed.v1: note',
  message: 'optional field added',
};

describe('the contract changelog', () => {
  it('starts itself and records an accepted break with its date, reason and path', () => {
    const changelog = addEntry(undefined, { date: '2026-11-30', reason: 'No client reads the price any more', changes: [added, removed] });
    expect(changelog).toContain(CHANGELOG_MARKER);
    expect(changelog).toContain('## 2026-11-30: No client reads the price any more');
    expect(changelog).toMatch(
      /Breaking \(accepted\):\n\n- graph `Product\.priceCents`: Field removed\n\nSafe:\n\n- events `orders\.order\.placed\.v1: note`/,
    );
  });

  it('puts the newest entry first', () => {
    const first = addEntry(undefined, { date: '2026-11-01', reason: 'First baseline', changes: [] });
    const second = addEntry(first, { date: '2026-11-30', changes: [added] });
    expect(second.indexOf('## 2026-11-30: Compatible changes')).toBeLessThan(second.indexOf('## 2026-11-01: First baseline'));
  });

  it('keeps a multi-line reason on one heading line', () => {
    expect(addEntry(undefined, { date: '2026-11-30', reason: 'cross-subgraph fields\n  are nullable', changes: [removed] })).toContain(
      '## 2026-11-30: cross-subgraph fields are nullable\n',
    );
  });

  it('refuses a changelog whose marker line was removed, rather than guess where entries go', () => {
    expect(() => addEntry('# Contract changelog\n', { date: '2026-11-30', changes: [added] })).toThrow(/marker/);
  });
});
