/**
 * The environment every Agora service process runs with, whoever starts it: `npm start`
 * (tools/start.mjs), the tests and the bench (ServiceProcess in @agora/testing). The Dockerfile
 * cannot import it and repeats it in its runtime `ENV`; keep the two alike.
 *
 * `MALLOC_ARENA_MAX=2`: glibc gives every thread that allocates its own malloc arena (up to 8 per
 * core); Node's V8 and libuv worker threads each keep one, partly filled. Two arenas are a common
 * production setting for Node services; it lowers each service's idle resident memory by about
 * 3 MB (see BENCHMARKS.md, "Optimisations").
 */
export const SERVICE_RUNTIME_ENV: Readonly<Record<string, string>> = Object.freeze({ MALLOC_ARENA_MAX: '2' });

/** The two kinds of Agora service process (tools/services.json). */
export type ServiceKind = 'gateway' | 'subgraph';

/**
 * Node options each kind of service runs with, beside SERVICE_RUNTIME_ENV and from the same
 * starters; docker-compose.yml repeats them in each service's `command` (the Dockerfile's default
 * command is the gateway's). Options on the command line rather than in NODE_OPTIONS, so that an
 * operator's or a profiler's NODE_OPTIONS does not silently drop them.
 *
 * Subgraphs: `--max-semi-space-size=4` caps V8's young generation at 2 × 4 MB instead of
 * 2 × 16 MB. It grows to its cap while the ~2,300 modules load and is never given back, so the
 * default holds about 30 MB per process at rest that the subgraphs' light load never needs; the
 * smaller one cost no measurable CPU per request under the deep and single loads, where 2 MB did
 * (see BENCHMARKS.md, "Optimisations"). The gateway, the busiest process, keeps V8's default: a
 * larger young generation made it cheaper, a smaller one was not shown to be free.
 */
export const SERVICE_NODE_ARGUMENTS: Readonly<Record<ServiceKind, readonly string[]>> = Object.freeze({
  gateway: Object.freeze([]),
  subgraph: Object.freeze(['--max-semi-space-size=4']),
});
