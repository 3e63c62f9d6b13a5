import { composeServices } from '@apollo/composition';
import { execFile } from 'node:child_process';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'graphql';
import { entryPoint, listSubgraphs, type ServiceEntry } from '../services';
import { faultIsolationViolations } from './fault-isolation.rule';

const run = promisify(execFile);

export const SUPERGRAPH_FILE = 'gateway/supergraph.graphql';
export const SUBGRAPH_SCHEMAS_FOLDER = 'gateway/schemas';

export interface ComposedFiles {
  /** Repository-relative path → content, for the supergraph and each subgraph's SDL. */
  readonly files: ReadonlyMap<string, string>;
  readonly hints: readonly string[];
}

export class CompositionError extends Error {
  constructor(readonly errors: readonly string[]) {
    super(`composition failed:\n${errors.map((error) => `  - ${error}`).join('\n')}`);
    this.name = 'CompositionError';
  }
}

/** Each subgraph prints its SDL from the schema Nest built (federation directives intact). */
async function printSubgraphSdl(service: ServiceEntry): Promise<string> {
  const { stdout } = await run(process.execPath, [entryPoint(service), '--print-schema'], {
    env: { ...process.env, LOG_LEVEL: 'error' },
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

/** Prints every subgraph's SDL and composes the supergraph with the URLs of the local defaults. */
export async function composeSupergraph(): Promise<ComposedFiles> {
  const subgraphs = listSubgraphs();
  const sdls = await Promise.all(subgraphs.map(printSubgraphSdl));
  const result = composeServices(
    subgraphs.map((service, index) => ({
      name: service.name,
      url: `http://localhost:${service.port}/graphql`,
      typeDefs: parse(sdls[index]),
    })),
  );
  if (result.errors) throw new CompositionError(result.errors.map((error) => error.message));
  // A supergraph where one subgraph's outage would blank its neighbours' fields is refused like a composition error.
  const violations = faultIsolationViolations(result.supergraphSdl);
  if (violations.length > 0) throw new CompositionError(violations.map((violation) => violation.message));
  const files = new Map<string, string>([[SUPERGRAPH_FILE, `${result.supergraphSdl.trimEnd()}\n`]]);
  subgraphs.forEach((service, index) => files.set(`${SUBGRAPH_SCHEMAS_FOLDER}/${service.name}.graphql`, `${sdls[index].trimEnd()}\n`));
  return { files, hints: result.hints.map((hint) => hint.toString()) };
}

/** The files whose committed content differs from a fresh composition. */
export async function staleFiles(composed: ComposedFiles): Promise<string[]> {
  const stale: string[] = [];
  for (const [file, content] of composed.files) {
    const committed = await readFile(file, 'utf8').catch(() => undefined);
    if (committed !== content) stale.push(file);
  }
  return stale;
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const composed = await composeSupergraph();
  for (const hint of composed.hints) console.log(`hint: ${hint}`);
  if (check) {
    const stale = await staleFiles(composed);
    if (stale.length > 0) {
      console.error(`stale: ${stale.join(', ')}. Run \`npm run compose\` and commit the result.`);
      process.exit(1);
    }
    console.log(`compose: ${composed.files.size} files up to date`);
    return;
  }
  for (const [file, content] of composed.files) {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
  console.log(`compose: wrote ${[...composed.files.keys()].join(', ')}`);
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
