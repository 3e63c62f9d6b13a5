import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LoadResult, LoadSpec } from './load.model';
import { percentile } from './statistics';

/**
 * The load generator, run as its own process so that its CPU never counts against (or competes
 * inside) the process under test: reads a LoadSpec from argv, runs the load, prints a LoadResult.
 * As fast as answered (no `overallRate`): autocannon's closed loop over `connections`. At an open
 * rate: requests arriving as a Poisson process (see `paced`).
 */
const REQUEST_TIMEOUT_SECONDS = 10;
/** Distinct failure reasons kept, with their counts; the rest only count. */
const MAX_FAILURE_REASONS = 10;
/** Characters of an answer kept as its reason. */
const REASON_LENGTH = 200;

/** What both runners share: the request bodies (variants in turn) and the failures with their reasons. */
class LoadState {
  private sent = 0;
  failures = 0;
  readonly failureReasons: Record<string, number> = {};

  constructor(private readonly spec: LoadSpec) {}

  body(): string {
    const spec = this.spec;
    const variant = spec.variants?.[this.sent % spec.variants.length] ?? {};
    this.sent += 1;
    const variables = { ...spec.variables, ...variant, ...(spec.freshUuidVariable ? { [spec.freshUuidVariable]: randomUUID() } : {}) };
    return JSON.stringify({ query: spec.query, variables });
  }

  /** Counts an answer that is not a 2xx or carries GraphQL errors as a failure; true if it was one. */
  judge(status: number, answer: string): boolean {
    if (status >= 200 && status <= 299 && !answer.includes('"errors":')) return false;
    this.fail(`${status} ${answer}`);
    return true;
  }

  fail(reason: string): void {
    this.failures += 1;
    const key = reason.slice(0, REASON_LENGTH);
    if (key in this.failureReasons || Object.keys(this.failureReasons).length < MAX_FAILURE_REASONS)
      this.failureReasons[key] = (this.failureReasons[key] ?? 0) + 1;
  }
}

/** As fast as answered, over `connections` (autocannon). */
async function closedLoop(spec: LoadSpec, state: LoadState): Promise<LoadResult> {
  const options: autocannon.Options = {
    url: spec.url,
    connections: spec.connections,
    ...(spec.amount ? { amount: spec.amount } : { duration: spec.durationSeconds }),
    timeout: REQUEST_TIMEOUT_SECONDS,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...spec.headers },
        setupRequest: (request) => ({ ...request, body: state.body() }),
        onResponse: (status, answer) => void state.judge(status, answer),
      },
    ],
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error: unknown, finished) => (error ? reject(error as Error) : resolve(finished)));
    // Timeouts and refused or reset connections: no answer to read the reason from.
    instance.on('reqError', (error: Error) => state.fail(`no answer: ${error.message}`));
  });
  const requests = result.requests.total;
  return {
    requests,
    seconds: result.duration,
    rps: requests / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    // Every transport error and timeout is a reqError, every failed answer was judged: each once.
    failures: state.failures,
    failureReasons: state.failureReasons,
  };
}

/** The arrival times' seed: every run draws the same gaps. */
const ARRIVAL_SEED = 0x5eed;

/** mulberry32: a small seeded generator of floats in [0, 1); only the arrival times need it. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * An open rate, as independent clients make it: requests arrive as a Poisson process of
 * `overallRate` per second (exponential gaps from a fixed seed, so runs are comparable), whatever
 * the answers before them, on up to `connections` kept-alive sockets; `amount` requests in all (or
 * `overallRate × durationSeconds`), and the run ends when every one was answered or timed out.
 * Latency counts from the moment a request was due, so a generator that falls behind does not hide
 * the wait. (autocannon's `overallRate` gives each connection a budget per second that it spends at
 * once: every second's requests went out together at its start, a burst the system then queued.)
 */
async function paced(spec: LoadSpec, rate: number, state: LoadState): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.connections });
  const total = spec.amount ?? Math.round(rate * spec.durationSeconds);
  const latencies: number[] = [];
  const headers = { 'content-type': 'application/json', ...spec.headers };
  const send = (due: number): Promise<void> =>
    new Promise<void>((resolve) => {
      const body = state.body();
      const request = http.request(spec.url, { method: 'POST', agent, headers, timeout: REQUEST_TIMEOUT_SECONDS * 1000 }, (response) => {
        let answer = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (answer += chunk));
        response.on('end', () => {
          latencies.push(performance.now() - due);
          state.judge(response.statusCode ?? 0, answer);
          resolve();
        });
        response.on('error', (error) => {
          state.fail(`no answer: ${error.message}`);
          resolve();
        });
      });
      request.on('timeout', () => request.destroy(new Error('request timed out')));
      request.on('error', (error) => {
        state.fail(`no answer: ${error.message}`);
        resolve();
      });
      request.end(body);
    });
  const started = performance.now();
  const random = seededRandom(ARRIVAL_SEED);
  const requests: Promise<void>[] = [];
  let due = started;
  for (let index = 0; index < total; index += 1) {
    // An exponential gap with mean 1/rate; 1 − u is in (0, 1], so the logarithm is finite.
    if (index > 0) due += (-Math.log(1 - random()) * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    requests.push(send(due));
  }
  await Promise.all(requests);
  agent.destroy();
  const seconds = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  return {
    requests: total,
    seconds,
    rps: total / seconds,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    failures: state.failures,
    failureReasons: state.failureReasons,
  };
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '') as LoadSpec;
  const state = new LoadState(spec);
  const report = spec.overallRate ? await paced(spec, spec.overallRate, state) : await closedLoop(spec, state);
  process.stdout.write(JSON.stringify(report));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
