#!/usr/bin/env node
// Compiles every project's TypeScript into dist/ with the same layout, resolving the
// @agora/* aliases to relative paths, then bundles each service into one file
// (tools/bundle-services.mjs). Incremental: a file is recompiled only when its source is newer
// than its output, a bundle only when one of its inputs is. Type checking is `npm run typecheck`
// (tsc), not this.
import { transformFile } from '@swc/core';
import { createRequire } from 'node:module';
import { mkdir, readdir, writeFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { bundleServices, mtime } from './bundle-services.mjs';

const require = createRequire(import.meta.url);
const { swcOptions, root } = require('./swc-options.cjs');

const SOURCE_ROOTS = ['contracts', 'libs', 'gateway', 'subgraphs', 'tools', 'bench'];
const SKIPPED = new Set(['node_modules', 'dist', 'drizzle', 'test', 'coverage', '.peers']);
const outDir = path.join(root, 'dist');

async function* sources(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED.has(entry.name)) yield* sources(full);
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts')) {
      yield full;
    }
  }
}

async function build({ clean }) {
  if (clean) await rm(outDir, { recursive: true, force: true });
  const started = Date.now();
  const jobs = [];
  for (const sourceRoot of SOURCE_ROOTS) {
    for await (const file of sources(path.join(root, sourceRoot))) {
      const relative = path.relative(root, file);
      const target = path.join(outDir, relative.replace(/\.ts$/, '.js'));
      jobs.push({ file, target });
    }
  }
  let compiled = 0;
  const options = swcOptions();
  await Promise.all(
    jobs.map(async ({ file, target }) => {
      if ((await mtime(target)) >= (await mtime(file))) return;
      const output = await transformFile(file, {
        ...options,
        filename: file,
        sourceFileName: path.relative(path.dirname(target), file),
        swcrc: false,
        configFile: false,
      });
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, `${output.code}\n//# sourceMappingURL=${path.basename(target)}.map\n`);
      await writeFile(`${target}.map`, output.map ?? '');
      compiled += 1;
    }),
  );
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`build: ${compiled} of ${jobs.length} files compiled into dist/ in ${seconds}s`);
  await bundleServices(root);
}

build({ clean: process.argv.includes('--clean') }).catch((error) => {
  console.error(error);
  process.exit(1);
});
