/** How long and how often the bench measures; `--quick` for development, the default for BENCHMARKS.md. */
export interface BenchSettings {
  readonly quick: boolean;
  /** Rounds of each HTTP case; each round runs every target once, in a rotated order. */
  readonly rounds: number;
  readonly warmupSeconds: number;
  readonly measureSeconds: number;
  readonly connections: number;
  /** Scenarios to run (all by default; `--only=deep,single`). */
  readonly scenarios: ReadonlySet<ScenarioName>;
  /** Events one-hop and raw-ceiling messages per run. */
  readonly eventCount: number;
  readonly sagaSeconds: number;
  readonly sagaRate: number;
  /**
   * Rates tried, in order, for the saga's saturation rate, until one is not sustained (steps of 50
   * up to the goal of 300, so the rate reached is known to within 50), and how long each runs.
   */
  readonly saturationRates: readonly number[];
  readonly saturationSeconds: number;
}

export const SCENARIOS = ['deep', 'single', 'telemetry', 'events', 'saga', 'footprint'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export function readSettings(argv: readonly string[]): BenchSettings {
  const quick = argv.includes('--quick');
  const only = argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
  const chosen = only ? only.split(',') : [...SCENARIOS];
  const unknown = chosen.filter((name) => !(SCENARIOS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`unknown scenario ${unknown.join(', ')}; known: ${SCENARIOS.join(', ')}`);
  return {
    quick,
    rounds: quick ? 1 : 2,
    warmupSeconds: quick ? 1 : 2,
    measureSeconds: quick ? 3 : 4,
    connections: 10,
    scenarios: new Set(chosen as ScenarioName[]),
    eventCount: quick ? 1000 : 3000,
    sagaSeconds: quick ? 5 : 15,
    sagaRate: 50,
    saturationRates: quick ? [150, 300] : [150, 200, 250, 300, 450],
    saturationSeconds: quick ? 3 : 5,
  };
}
