import { isDeepStrictEqual } from 'node:util';
import type { BenchSettings } from '../bench.settings';
import { failureSummary, runLoad } from '../load.runner';
import { cpuSince, cpuSnapshot, type WatchedProcess } from '../process-stats';
import { FIXED_PROBE } from '../queries';

/** Something that answers GraphQL over HTTP: a gateway, or a subgraph asked directly. */
export interface HttpTarget {
  readonly name: string;
  readonly url: string;
  /** Sent with every request (a subgraph asked directly needs the gateway's credential). */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface HttpCase {
  readonly scenario: string;
  readonly mode: 'identical' | 'distinct';
  readonly query: string;
  readonly targets: readonly HttpTarget[];
}

/** One target's numbers in one case, over every round. */
export interface HttpRow {
  readonly scenario: string;
  readonly mode: string;
  readonly target: string;
  readonly connections: number;
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly failures: number;
  /** CPU milliseconds each process spent per request served. */
  readonly cpuMsPerRequest: Readonly<Record<string, number>>;
}

/** A target whose answer is not the reference answer is left out, with the reason. */
export interface HttpSkip {
  readonly scenario: string;
  readonly target: string;
  readonly reason: string;
}

async function answer(target: HttpTarget, query: string): Promise<unknown> {
  const response = await fetch(target.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...target.headers },
    body: JSON.stringify({ query, variables: { probe: FIXED_PROBE } }),
    signal: AbortSignal.timeout(30_000),
  });
  return response.json();
}

/**
 * Runs each target of a case in alternation (the order rotates every round, so slow drifts of a
 * shared machine hit every target alike), after a warm-up of its own. Before that, every target's
 * answer must equal the first target's, so a peer that answers something else is not measured.
 */
export async function runHttpCase(
  testCase: HttpCase,
  settings: BenchSettings,
  processes: readonly WatchedProcess[],
  log: (line: string) => void,
): Promise<{ rows: HttpRow[]; skipped: HttpSkip[] }> {
  const skipped: HttpSkip[] = [];
  const reference = (await answer(testCase.targets[0]!, testCase.query)) as { data?: unknown; errors?: unknown };
  if (reference.errors || !reference.data)
    throw new Error(`${testCase.targets[0]!.name} answered with errors: ${JSON.stringify(reference).slice(0, 500)}`);
  const targets: HttpTarget[] = [];
  for (const target of testCase.targets) {
    const body = (await answer(target, testCase.query).catch((error: Error) => ({ errors: error.message }))) as {
      data?: unknown;
      errors?: unknown;
    };
    if (isDeepStrictEqual(body.data, reference.data) && !body.errors) targets.push(target);
    else
      skipped.push({
        scenario: `${testCase.scenario}/${testCase.mode}`,
        target: target.name,
        reason: `answer differs: ${JSON.stringify(body).slice(0, 300)}`,
      });
  }
  const totals = new Map(
    targets.map((target) => [
      target.name,
      { requests: 0, seconds: 0, p50: [] as number[], p99: [] as number[], failures: 0, cpu: {} as Record<string, number> },
    ]),
  );
  for (let round = 0; round < settings.rounds; round += 1) {
    const order = targets.map((_, index) => targets[(index + round) % targets.length]!);
    for (const target of order) {
      const spec = {
        url: target.url,
        ...(target.headers ? { headers: target.headers } : {}),
        connections: settings.connections,
        query: testCase.query,
        variables: { probe: FIXED_PROBE },
        ...(testCase.mode === 'distinct' ? { freshUuidVariable: 'probe' } : {}),
      };
      await runLoad({ ...spec, durationSeconds: settings.warmupSeconds });
      const before = cpuSnapshot(processes);
      const result = await runLoad({ ...spec, durationSeconds: settings.measureSeconds });
      const cpu = cpuSince(before, processes);
      const total = totals.get(target.name)!;
      total.requests += result.requests;
      total.seconds += result.seconds;
      total.p50.push(result.p50Ms);
      total.p99.push(result.p99Ms);
      total.failures += result.failures;
      for (const [name, seconds] of Object.entries(cpu)) total.cpu[name] = (total.cpu[name] ?? 0) + seconds;
      log(
        `  ${testCase.scenario}/${testCase.mode} ${target.name}: ${result.rps.toFixed(0)} rps, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms${failureSummary(result)}`,
      );
    }
  }
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const rows = targets.map((target): HttpRow => {
    const total = totals.get(target.name)!;
    return {
      scenario: testCase.scenario,
      mode: testCase.mode,
      target: target.name,
      connections: settings.connections,
      rps: total.requests / total.seconds,
      p50Ms: mean(total.p50),
      p99Ms: mean(total.p99),
      failures: total.failures,
      cpuMsPerRequest: Object.fromEntries(
        Object.entries(total.cpu)
          .filter(([, seconds]) => seconds > 0)
          .map(([name, seconds]) => [name, (seconds * 1000) / Math.max(total.requests, 1)]),
      ),
    };
  });
  return { rows, skipped };
}
