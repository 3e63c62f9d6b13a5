/** How a change affects those built against the baseline. */
export enum ChangeLevel {
  /** Breaks clients or consumers built against the baseline: needs an explicit `--reason` to accept. */
  Breaking = 'breaking',
  /** Compatible on paper, but may change what existing clients or consumers see (a new enum value). */
  Dangerous = 'dangerous',
  /** Compatible: refresh the baseline when convenient. */
  Safe = 'safe',
}

/** Which public contract a change is in. */
export enum ContractKind {
  /** The API schema of the supergraph, as frontends query it. */
  Graph = 'graph',
  /** The payload schemas of the domain events, as consumers validate them. */
  Events = 'events',
}

/** One difference between the baseline and the current contracts. */
export interface ContractChange {
  readonly contract: ContractKind;
  readonly level: ChangeLevel;
  /** Where: `Product.priceCents`, `Query.products.search`, `orders.order.placed.v1: items[].quantity`. */
  readonly path: string;
  readonly message: string;
}

/** Most severe first, then by contract and path, so that reports and changelog entries read the same every time. */
export function sortChanges(changes: readonly ContractChange[]): ContractChange[] {
  const severity = [ChangeLevel.Breaking, ChangeLevel.Dangerous, ChangeLevel.Safe];
  return [...changes].sort(
    (a, b) => severity.indexOf(a.level) - severity.indexOf(b.level) || a.contract.localeCompare(b.contract) || a.path.localeCompare(b.path),
  );
}
