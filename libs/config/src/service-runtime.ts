import path from 'node:path';

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

/**
 * The file a service runs from, whoever starts it (npm start, the tests, the bench; the Dockerfile
 * and docker-compose.yml name the same files): the entry file `npm run build` writes beside the
 * service's one-file bundle, which it loads (tools/bundle-services.mjs).
 */
export function serviceEntryPoint(root: string, name: string): string {
  return path.join(root, 'dist/services', `${name}.js`);
}
