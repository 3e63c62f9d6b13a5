import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import type { LoadResult, LoadSpec } from './load.spec';

/**
 * The load generator, run as its own process so that its CPU never counts against (or competes
 * inside) the process under test: reads a LoadSpec from argv, runs autocannon, prints a LoadResult.
 */
const REQUEST_TIMEOUT_SECONDS = 10;

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '') as LoadSpec;
  let sent = 0;
  let graphqlErrors = 0;
  const body = (): string => {
    const variant = spec.variants?.[sent % spec.variants.length] ?? {};
    sent += 1;
    const variables = { ...spec.variables, ...variant, ...(spec.freshUuidVariable ? { [spec.freshUuidVariable]: randomUUID() } : {}) };
    return JSON.stringify({ query: spec.query, variables });
  };
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.durationSeconds,
    timeout: REQUEST_TIMEOUT_SECONDS,
    ...(spec.overallRate ? { overallRate: spec.overallRate } : {}),
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...spec.headers },
        setupRequest: (request) => ({ ...request, body: body() }),
        onResponse: (_status, responseBody) => {
          if (responseBody.includes('"errors":')) graphqlErrors += 1;
        },
      },
    ],
  });
  const requests = result.requests.total;
  const report: LoadResult = {
    requests,
    seconds: result.duration,
    rps: requests / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx + graphqlErrors,
  };
  process.stdout.write(JSON.stringify(report));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
