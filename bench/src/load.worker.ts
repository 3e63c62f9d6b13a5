import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import type { LoadResult, LoadSpec } from './load.spec';

/**
 * The load generator, run as its own process so that its CPU never counts against (or competes
 * inside) the process under test: reads a LoadSpec from argv, runs autocannon, prints a LoadResult.
 */
const REQUEST_TIMEOUT_SECONDS = 10;
/** Distinct failure reasons kept, with their counts; the rest only count. */
const MAX_FAILURE_REASONS = 10;
/** Characters of an answer kept as its reason. */
const REASON_LENGTH = 200;

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '') as LoadSpec;
  let sent = 0;
  let graphqlErrors = 0;
  const failureReasons: Record<string, number> = {};
  const noteFailure = (reason: string): void => {
    const key = reason.slice(0, REASON_LENGTH);
    if (key in failureReasons || Object.keys(failureReasons).length < MAX_FAILURE_REASONS)
      failureReasons[key] = (failureReasons[key] ?? 0) + 1;
  };
  const body = (): string => {
    const variant = spec.variants?.[sent % spec.variants.length] ?? {};
    sent += 1;
    const variables = { ...spec.variables, ...variant, ...(spec.freshUuidVariable ? { [spec.freshUuidVariable]: randomUUID() } : {}) };
    return JSON.stringify({ query: spec.query, variables });
  };
  const options: autocannon.Options = {
    url: spec.url,
    connections: spec.connections,
    ...(spec.amount ? { amount: spec.amount } : { duration: spec.durationSeconds }),
    timeout: REQUEST_TIMEOUT_SECONDS,
    ...(spec.overallRate ? { overallRate: spec.overallRate } : {}),
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...spec.headers },
        setupRequest: (request) => ({ ...request, body: body() }),
        onResponse: (status, responseBody) => {
          const hasErrors = responseBody.includes('"errors":');
          if (hasErrors) graphqlErrors += 1;
          if (hasErrors || status < 200 || status > 299) noteFailure(`${status} ${responseBody}`);
        },
      },
    ],
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error: unknown, finished) => (error ? reject(error as Error) : resolve(finished)));
    // Timeouts and refused or reset connections: no answer to read the reason from.
    instance.on('reqError', (error: Error) => noteFailure(`no answer: ${error.message}`));
  });
  const requests = result.requests.total;
  const report: LoadResult = {
    requests,
    seconds: result.duration,
    rps: requests / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx + graphqlErrors,
    failureReasons,
  };
  process.stdout.write(JSON.stringify(report));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
