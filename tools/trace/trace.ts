#!/usr/bin/env node
// `npm run trace -- <correlation id | trace id>`: prints one saga as a waterfall from the spans
// `npm start` keeps in tmp/traces; without an id, lists the most recent requests.
import { CORRELATION_ID_ATTRIBUTE, readStoredSpans, renderWaterfall, sagaSpans, type SpanRecord } from '@agora/telemetry';
import path from 'node:path';
import { traceStoreFolder } from './trace-store';

const USAGE = 'usage: npm run trace -- <correlation id | trace id>';
/** Requests listed when no id is given. */
const RECENT_COUNT = 15;

function recent(spans: readonly SpanRecord[]): string {
  const roots = spans.filter((span) => !span.parentSpanId && span.service === 'gateway').sort((a, b) => b.startMs - a.startMs);
  const lines = roots.slice(0, RECENT_COUNT).map((span) => {
    const time = new Date(span.startMs).toISOString().slice(11, 23);
    const correlationId = String(span.attributes[CORRELATION_ID_ATTRIBUTE] ?? '-');
    return `${time}  ${span.traceId}  ${correlationId.padEnd(36)}  ${span.name}`;
  });
  return lines.length > 0 ? `recent requests (time, trace id, correlation id):\n${lines.join('\n')}\n\n${USAGE}` : USAGE;
}

function main(): number {
  const root = process.cwd();
  const folder = traceStoreFolder(root);
  const spans = readStoredSpans(folder);
  const id = process.argv[2];
  if (!id) {
    console.log(
      spans.length > 0 ? recent(spans) : `no spans in ${path.relative(root, folder)} yet: run \`npm start\` and send a request.\n${USAGE}`,
    );
    return id === undefined ? 0 : 2;
  }
  const saga = sagaSpans(spans, id);
  if (saga.length === 0) {
    console.error(`no spans for ${id} in ${path.relative(root, folder)} (it keeps the spans of the latest \`npm start\` runs, bounded).`);
    return 1;
  }
  console.log(renderWaterfall(saga));
  return 0;
}

process.exitCode = main();
