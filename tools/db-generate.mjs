#!/usr/bin/env node
// `npm run db:generate [-- <project>]`: drizzle-kit generates a migration for every project
// whose drizzle.config.ts schema changed (or only the named one). Review and commit the result.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const projects = [
  ...readdirSync(path.join(root, 'subgraphs')).map((name) => `subgraphs/${name}`),
  ...readdirSync(path.join(root, 'libs')).map((name) => `libs/${name}`),
].filter((folder) => existsSync(path.join(root, folder, 'drizzle.config.ts')));
const only = process.argv[2];
const chosen = only ? projects.filter((folder) => path.basename(folder) === only) : projects;
if (chosen.length === 0) {
  console.error(`no project with a drizzle.config.ts named ${only}; known: ${projects.map((p) => path.basename(p)).join(', ')}`);
  process.exit(2);
}
for (const folder of chosen) {
  console.log(`db:generate ${folder}`);
  const result = spawnSync('npx', ['drizzle-kit', 'generate', '--config', `${folder}/drizzle.config.ts`], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
