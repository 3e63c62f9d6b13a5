#!/usr/bin/env node
// `npm run trace -- <correlation id | trace id> [--brief]`: prints one saga as a waterfall from the
// spans `npm start` keeps in tmp/traces; without an id, lists the most recent requests.
import { CORRELATION_ID_ATTRIBUTE, readStoredSpans, renderWaterfall, sagaSpans, type SpanRecord } from '@agora/telemetry';
import path from 'node:path';
import { traceStoreFolder } from './trace-store';

const USAGE = 'usage: npm run trace -- <correlation id | trace id> [--brief]';
/** What `--brief` leaves out: SQL, pool checkouts, Express handlers, GraphQL parsing and validation. */
const DETAIL_SPANS = /^(pg\.|pg-pool\.|request handler|graphql\.(parse|validate)|gateway\.(validate|postprocessing))/;
/** Requests listed when no id is given. */
const RECENT_COUNT = 15;

function recent(spans: readonly SpanRecord[]): string {
  const correlationIds = new Map<string, string>();
  for (const span of spans) {
    const correlationId = span.attributes[CORRELATION_ID_ATTRIBUTE];
    if (correlationId !== undefined) correlationIds.set(span.traceId, String(correlationId));
  }
  // Each request by the first span of its trace.
  const firsts = new Map<string, SpanRecord>();
  for (const span of spans) {
    const known = firsts.get(span.traceId);
    if (correlationIds.has(span.traceId) && (!known || span.startMs < known.startMs)) firsts.set(span.traceId, span);
  }
  const latest = [...firsts.values()].sort((a, b) => b.startMs - a.startMs).slice(0, RECENT_COUNT);
  const lines = latest.map((span) => {
    const time = new Date(span.startMs).toISOString().slice(11, 23);
    return `${time}  ${span.traceId}  ${(correlationIds.get(span.traceId) ?? '-').padEnd(36)}  ${span.service}: ${span.name}`;
  });
  return lines.length > 0 ? `recent requests (time, trace id, correlation id, first span):\n${lines.join('\n')}\n\n${USAGE}` : USAGE;
}

function main(): number {
  const root = process.cwd();
  const folder = traceStoreFolder(root);
  const spans = readStoredSpans(folder);
  const args = process.argv.slice(2);
  const brief = args.includes('--brief');
  const id = args.find((arg) => !arg.startsWith('--'));
  if (!id) {
    console.log(
      spans.length > 0 ? recent(spans) : `no spans in ${path.relative(root, folder)} yet: run \`npm start\` and send a request.\n${USAGE}`,
    );
    return id === undefined ? 0 : 2;
  }
  const saga = sagaSpans(spans, id).filter((span) => !brief || !DETAIL_SPANS.test(span.name));
  if (saga.length === 0) {
    console.error(`no spans for ${id} in ${path.relative(root, folder)} (it keeps the spans of the latest \`npm start\` runs, bounded).`);
    return 1;
  }
  console.log(renderWaterfall(saga));
  return 0;
}

process.exitCode = main();
