#!/usr/bin/env node
// Writes contracts/asyncapi.yaml from the event catalogue: `node dist/tools/asyncapi/asyncapi.js`
// (`--check` exits 1 when the committed file is stale, for CI).
import { readFile, writeFile } from 'node:fs/promises';
import { ASYNCAPI_OPTIONS, buildAsyncApiDocument, EVENT_CONTRACTS } from '@agora/contracts';
import { stringify } from 'yaml';

export const ASYNCAPI_PATH = 'contracts/asyncapi.yaml';

export function renderAsyncApi(): string {
  const document = buildAsyncApiDocument(EVENT_CONTRACTS, ASYNCAPI_OPTIONS);
  return `# Generated from contracts/src by tools/asyncapi; do not edit.\n${stringify(document, { lineWidth: 0 })}`;
}

async function main(): Promise<void> {
  const rendered = renderAsyncApi();
  if (process.argv.includes('--check')) {
    const committed = await readFile(ASYNCAPI_PATH, 'utf8').catch(() => '');
    if (committed !== rendered) {
      console.error(`${ASYNCAPI_PATH} is stale: run \`npm run asyncapi\``);
      process.exit(1);
    }
    console.log(`${ASYNCAPI_PATH} is up to date`);
    return;
  }
  await writeFile(ASYNCAPI_PATH, rendered);
  console.log(`wrote ${ASYNCAPI_PATH} (${EVENT_CONTRACTS.length} events)`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
