import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire, SourceMap, type SourceMapPayload } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
// @ts-expect-error: the build's plain-JavaScript module has no type declarations
import { BUNDLE_OPTIONS, ownSourcesOnly } from './bundle-services.mjs';

const filter = ownSourcesOnly as (map: SourceMapPayload) => SourceMapPayload;

describe("the bundle's source map", () => {
  let folder: string;
  let code: string[];
  let whole: SourceMapPayload;

  beforeAll(async () => {
    // An app file and a dependency under node_modules, bundled as the services are.
    folder = await mkdtemp(path.join(tmpdir(), 'agora-bundle-'));
    await mkdir(path.join(folder, 'node_modules/helper'), { recursive: true });
    await writeFile(
      path.join(folder, 'node_modules/helper/index.js'),
      'export function shout(text) {\n  const loud = text.toUpperCase();\n  return `${loud}!`;\n}\n',
    );
    await writeFile(
      path.join(folder, 'main.js'),
      "import { shout } from 'helper';\nfunction greet(name) {\n  const line = shout(`hello ${name}`);\n  return line;\n}\nconsole.log(greet('ada'));\n",
    );
    await build({
      entryPoints: [path.join(folder, 'main.js')],
      outfile: path.join(folder, 'out.js'),
      bundle: true,
      format: 'esm',
      platform: 'node',
      minifyWhitespace: true,
      keepNames: true,
      sourcemap: 'linked',
      sourcesContent: false,
      logLevel: 'error',
    });
    code = (await readFile(path.join(folder, 'out.js'), 'utf8')).split('\n');
    whole = JSON.parse(await readFile(path.join(folder, 'out.js.map'), 'utf8')) as SourceMapPayload;
  });

  afterAll(() => rm(folder, { recursive: true, force: true }));

  /** Every position of the bundle, looked up in a map. */
  function lookups(map: SourceMapPayload) {
    const sourceMap = new SourceMap(map);
    return code.flatMap((text, line) => [...text].map((_, column) => sourceMap.findEntry(line, column)));
  }

  it('keeps every mapping into our own files exactly', () => {
    const before = lookups(whole);
    const after = lookups(filter(whole));
    const own = before.flatMap((entry, index) => ('originalSource' in entry && entry.originalSource.endsWith('main.js') ? [index] : []));
    expect(own.length).toBeGreaterThan(10);
    for (const index of own) expect(after[index]).toEqual(before[index]);
  });

  it('drops the mappings, sources and names of dependencies', () => {
    expect(whole.sources.some((source) => source.includes('node_modules'))).toBe(true);
    const own = filter(whole);
    expect(own.sources).toEqual([expect.stringMatching(/main\.js$/)]);
    expect(own.names).not.toContain('loud');
    const mapped = lookups(own).filter((entry) => 'originalSource' in entry);
    expect(mapped.every((entry) => 'originalSource' in entry && entry.originalSource.endsWith('main.js'))).toBe(true);
  });
});

describe("Apollo Server's query hashes in a bundle", () => {
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'agora-bundle-'));
  });

  afterAll(() => rm(folder, { recursive: true, force: true }));

  it("are computed by Node's crypto, as they are unbundled", async () => {
    // The copy of @apollo/utils.createhash that Apollo Server itself resolves, bundled as the services are.
    const main = createRequire(import.meta.url).resolve('@apollo/server');
    const server = main.slice(0, main.lastIndexOf(`${path.sep}dist${path.sep}`));
    const query = '{ products { id } }';
    await build({
      ...(BUNDLE_OPTIONS as object),
      stdin: {
        contents: [
          "import { createHash } from '@apollo/utils.createhash';",
          "import { Hash } from 'node:crypto';",
          "const hash = createHash('sha256');",
          `console.log(JSON.stringify({ native: hash instanceof Hash, digest: hash.update(${JSON.stringify(query)}).digest('hex') }));`,
        ].join('\n'),
        resolveDir: server,
      },
      outfile: path.join(folder, 'hash.mjs'),
      logLevel: 'error',
    });
    const printed = JSON.parse(execFileSync(process.execPath, [path.join(folder, 'hash.mjs')], { encoding: 'utf8' })) as {
      native: boolean;
      digest: string;
    };
    expect(printed).toEqual({ native: true, digest: createHash('sha256').update(query).digest('hex') });
  });
});
