// The second half of `npm run build`: each service's compiled entry point and what it imports
// becomes one ES module, dist/services/<name>.bundle.js, loaded by the entry file
// dist/services/<name>.js, which is what npm start, the tests, the bench and the Docker image
// run. Node 20 spends most of a service's start-up resolving and loading its ~2,300 module files
// one by one; one file starts about twice as fast and keeps less memory (BENCHMARKS.md,
// "Optimisations"). The compiled files under dist/ stay runnable as they are.
import { build } from 'esbuild';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Packages left to load from node_modules at run time, and why:
 * - `pg`, `pg-pool`, `express`, `graphql`: OpenTelemetry's instrumentations patch them as Node loads
 *   them (libs/telemetry/src/sdk.starter.ts); inside a bundle they would go untraced.
 * - `@opentelemetry/*`: the telemetry preload loads the SDK from node_modules; one copy of the API.
 * - `@apollo/gateway`, `@apollo/federation-internals`: the gateway installs its response shaping
 *   into the executor's module (gateway/src/graphql/response-shaping.install.ts), and the shaping
 *   tests values against the classes the executor's operations are built from: one copy of each.
 * - `ioredis`: loaded only when a Redis URL is set, and it reads its own package.json by path.
 */
export const EXTERNAL_PACKAGES = [
  'pg',
  'pg-pool',
  'express',
  'graphql',
  '@opentelemetry/*',
  '@apollo/gateway',
  '@apollo/federation-internals',
  'ioredis',
];

/**
 * Where the entry files and bundles are written, relative to the repository root; the services'
 * launchers find them with `serviceEntryPoint` (libs/config/src/service-runtime.ts).
 */
export const SERVICE_BUNDLE_DIR = 'dist/services';

/**
 * CommonJS code inside an ES module still needs `require` (for Node's own modules and the
 * packages above) and `__filename`/`__dirname`; they are the bundle's own.
 */
const COMMONJS_SHIM = [
  "import { createRequire as __agoraCreateRequire } from 'node:module';",
  "import { fileURLToPath as __agoraFileURLToPath } from 'node:url';",
  "import __agoraPath from 'node:path';",
  'const require = __agoraCreateRequire(import.meta.url);',
  'const __filename = __agoraFileURLToPath(import.meta.url);',
  'const __dirname = __agoraPath.dirname(__filename);',
].join(' ');

/**
 * Optional packages a dependency imports only when a feature is used (Nest's Kafka, MQTT, NATS or
 * gRPC transports, class-validator, Fastify …) and that are not installed stay run-time imports,
 * as they are without a bundle: the dependency says which package to install if it is asked for.
 * An import that cannot be resolved in our own code still fails the build.
 */
const optionalDependencies = {
  name: 'optional-dependencies',
  setup(bundler) {
    bundler.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === 'probe' || !args.importer.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const found = await bundler.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: 'probe' });
      return found.errors.length > 0 ? { path: args.path, external: true } : undefined;
    });
  },
};

/**
 * `@apollo/utils.createhash` picks Node's crypto only when `module.require` exists, which a module
 * inside a bundle does not have: bundled, it hashed with `sha.js`, SHA-256 in JavaScript, on every
 * request (Apollo Server keys its parsed-document cache by the query's hash). In its place, the
 * same function on Node's crypto, as it runs unbundled.
 */
const nodeCryptoHashes = {
  name: 'node-crypto-hashes',
  setup(bundler) {
    bundler.onLoad({ filter: /[\\/]@apollo[\\/]utils\.createhash[\\/]dist[\\/]index\.js$/ }, () => ({
      contents: "'use strict'; exports.createHash = (kind) => require('node:crypto').createHash(kind);",
      loader: 'js',
    }));
  },
};

/**
 * How the services' code is bundled: what stays a run-time import, the plugins and the CommonJS
 * shim. The tests bundle with the same options.
 */
export const BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: EXTERNAL_PACKAGES,
  plugins: [optionalDependencies, nodeCryptoHashes],
  banner: { js: COMMONJS_SHIM },
};

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The numbers of one source-map segment (base64 VLQ). */
function decodeSegment(text) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

function encodeSegment(values) {
  let text = '';
  for (const number of values) {
    let value = number < 0 ? (-number << 1) | 1 : number << 1;
    do {
      let digit = value & 31;
      value >>>= 5;
      if (value > 0) digit |= 32;
      text += BASE64[digit];
    } while (value > 0);
  }
  return text;
}

/**
 * Keeps only the mappings into Agora's own sources. With `--enable-source-maps` (npm start, the
 * Docker image) Node parses a bundle's whole map at start; mapped into every dependency, that was
 * about 75 MB more per process. Frames in dependencies keep their function names and point into
 * the bundle.
 */
export function ownSourcesOnly(map) {
  const keptSources = [];
  const sourceIndex = new Map();
  const keptNames = [];
  const nameIndex = new Map();
  const own = map.sources.map((source) => !source.split('/').includes('node_modules'));
  let source = 0;
  let sourceLine = 0;
  let sourceColumn = 0;
  let name = 0;
  // The previous kept segment's values: the output's deltas are taken against them.
  let keptSource = 0;
  let keptLine = 0;
  let keptColumn = 0;
  let keptName = 0;
  const lines = map.mappings.split(';').map((line) => {
    let column = 0;
    let previousColumn = 0;
    const kept = [];
    for (const text of line.split(',')) {
      if (text === '') continue;
      const [columnDelta, ...rest] = decodeSegment(text);
      column += columnDelta;
      if (rest.length === 0) continue;
      source += rest[0];
      sourceLine += rest[1];
      sourceColumn += rest[2];
      if (rest.length > 3) name += rest[3];
      if (!own[source]) continue;
      if (!sourceIndex.has(source)) sourceIndex.set(source, keptSources.push(map.sources[source]) - 1);
      const newSource = sourceIndex.get(source);
      const values = [column - previousColumn, newSource - keptSource, sourceLine - keptLine, sourceColumn - keptColumn];
      [keptSource, keptLine, keptColumn, previousColumn] = [newSource, sourceLine, sourceColumn, column];
      if (rest.length > 3) {
        if (!nameIndex.has(name)) nameIndex.set(name, keptNames.push(map.names[name]) - 1);
        const newName = nameIndex.get(name);
        values.push(newName - keptName);
        keptName = newName;
      }
      kept.push(encodeSegment(values));
    }
    return kept.join(',');
  });
  return { ...map, sources: keptSources, names: keptNames, mappings: lines.join(';') };
}

/** A file's modification time in milliseconds, or -1 when it does not exist. */
export async function mtime(file) {
  try {
    return (await stat(file)).mtimeMs;
  } catch {
    return -1;
  }
}

/** The compiled module the entry files take the young generation's hold from. */
const HOLD_MODULE = 'dist/libs/runtime/src/young-generation.js';

/** A service's bundle, beside its entry file `<name>.js`. */
const bundleName = (name) => `${name}.bundle`;

/**
 * The file a service is started with: it holds V8's young generation at its initial size before
 * anything else loads (libs/runtime/src/young-generation.ts), then loads the bundle.
 */
const entryFile = (name) =>
  [
    '// Written by tools/bundle-services.mjs (npm run build).',
    `import { holdYoungGeneration } from '${path.posix.relative(SERVICE_BUNDLE_DIR, HOLD_MODULE)}';`,
    'holdYoungGeneration();',
    `await import('./${bundleName(name)}.js');`,
    '',
  ].join('\n');

/**
 * True when a service's entry file or bundle is missing or older than one of the files it was made
 * from, as listed beside it. The services share most of their inputs, so each is looked at once.
 */
async function anyStale(root, names) {
  const built = [];
  const inputs = new Set();
  for (const name of names) {
    const entry = path.join(root, SERVICE_BUNDLE_DIR, `${name}.js`);
    const time = Math.min(await mtime(entry), await mtime(path.join(root, SERVICE_BUNDLE_DIR, `${bundleName(name)}.js`)));
    if (time < 0) return true;
    try {
      for (const input of JSON.parse(await readFile(`${entry}.inputs.json`, 'utf8'))) inputs.add(input);
    } catch {
      return true;
    }
    built.push(time);
  }
  const oldest = Math.min(...built);
  const times = await Promise.all([...inputs].map((input) => mtime(path.join(root, input))));
  return times.some((time) => time < 0 || time > oldest);
}

/**
 * Bundles the services listed in tools/services.json, all in one pass (their dependencies are
 * read and parsed once), when a bundle is missing or older than one of its inputs. Whitespace is
 * minified (comments would make V8 keep the source as two-byte text); names are kept, so stack
 * traces and Nest's class-named providers read as in the source.
 */
export async function bundleServices(root) {
  const services = JSON.parse(await readFile(path.join(root, 'tools/services.json'), 'utf8'));
  const names = Object.keys(services);
  if (!(await anyStale(root, names))) return;
  const started = Date.now();
  const entryPoints = Object.fromEntries(
    names.map((name) => [
      bundleName(name),
      path.join(root, 'dist', services[name].kind === 'gateway' ? 'gateway' : path.join('subgraphs', name), 'src/main.js'),
    ]),
  );
  const result = await build({
    entryPoints,
    outdir: path.join(root, SERVICE_BUNDLE_DIR),
    absWorkingDir: root,
    ...BUNDLE_OPTIONS,
    minifyWhitespace: true,
    keepNames: true,
    legalComments: 'none',
    sourcemap: 'linked',
    sourcesContent: false,
    metafile: true,
    logLevel: 'warning',
  });
  // This file's options shape the bundles too: a change to them bundles again.
  const self = path.relative(root, import.meta.filename);
  await Promise.all(
    Object.entries(result.metafile.outputs).map(async ([output, { inputs }]) => {
      const file = path.join(root, output);
      if (output.endsWith('.js.map')) {
        await writeFile(file, JSON.stringify(ownSourcesOnly(JSON.parse(await readFile(file, 'utf8')))));
      } else {
        const name = path.basename(output, '.bundle.js');
        const entry = path.join(root, SERVICE_BUNDLE_DIR, `${name}.js`);
        await writeFile(`${entry}.inputs.json`, JSON.stringify([...Object.keys(inputs), self, HOLD_MODULE]));
        await writeFile(entry, entryFile(name));
      }
    }),
  );
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`build: ${names.length} services bundled into ${SERVICE_BUNDLE_DIR}/ in ${seconds}s`);
}
