import { CORRELATION_ID_ATTRIBUTE } from '../telemetry.settings';
import type { SpanRecord } from './span.record';

/** Width of the timeline bar in characters. */
const BAR_WIDTH = 40;
/** Traces joined by links are followed this many hops at most. */
const MAX_LINK_HOPS = 20;

/**
 * The spans of one saga: every trace that has `id` as its trace id or carries it as a correlation
 * id, plus the traces joined to those by span links (where a broker or a batch separated them).
 */
export function sagaSpans(spans: readonly SpanRecord[], id: string): SpanRecord[] {
  const traces = new Set(
    spans.filter((span) => span.traceId === id || span.attributes[CORRELATION_ID_ATTRIBUTE] === id).map((s) => s.traceId),
  );
  for (let hop = 0; hop < MAX_LINK_HOPS; hop += 1) {
    const before = traces.size;
    for (const span of spans) {
      const linked = span.links.some((link) => traces.has(link.traceId));
      if (traces.has(span.traceId)) for (const link of span.links) traces.add(link.traceId);
      else if (linked) traces.add(span.traceId);
    }
    if (traces.size === before) break;
  }
  return spans.filter((span) => traces.has(span.traceId));
}

/** Spans in causal order: each after its parent (or the span it links to), siblings by start time. */
export function causalOrder(spans: readonly SpanRecord[]): { span: SpanRecord; depth: number }[] {
  const byId = new Map(spans.map((span) => [span.spanId, span]));
  const children = new Map<string, SpanRecord[]>();
  const roots: SpanRecord[] = [];
  for (const span of spans) {
    const parent =
      span.parentSpanId && byId.has(span.parentSpanId) ? span.parentSpanId : span.links.find((link) => byId.has(link.spanId))?.spanId;
    if (parent && parent !== span.spanId) children.set(parent, [...(children.get(parent) ?? []), span]);
    else roots.push(span);
  }
  const ordered: { span: SpanRecord; depth: number }[] = [];
  const seen = new Set<string>();
  const visit = (span: SpanRecord, depth: number): void => {
    if (seen.has(span.spanId)) return;
    seen.add(span.spanId);
    ordered.push({ span, depth });
    for (const child of [...(children.get(span.spanId) ?? [])].sort((a, b) => a.startMs - b.startMs)) visit(child, depth + 1);
  };
  for (const root of [...roots].sort((a, b) => a.startMs - b.startMs)) visit(root, 0);
  return ordered;
}

function duration(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)}s` : `${ms.toFixed(1)}ms`;
}

/** A terminal waterfall: offset, duration, a bar on the saga's timeline, service and span name. */
export function renderWaterfall(spans: readonly SpanRecord[]): string {
  if (spans.length === 0) return '';
  const start = Math.min(...spans.map((span) => span.startMs));
  const end = Math.max(...spans.map((span) => span.endMs));
  const scale = BAR_WIDTH / Math.max(end - start, 1);
  const services = new Set(spans.map((span) => span.service));
  const lines = [
    `${spans.length} spans, ${services.size} service${services.size === 1 ? '' : 's'}, ${duration(end - start)}  (trace ${[...new Set(spans.map((s) => s.traceId))].join(', ')})`,
  ];
  for (const { span, depth } of causalOrder(spans)) {
    const from = Math.min(BAR_WIDTH - 1, Math.floor((span.startMs - start) * scale));
    const length = Math.max(1, Math.min(BAR_WIDTH - from, Math.round((span.endMs - span.startMs) * scale)));
    const bar = `${' '.repeat(from)}${'█'.repeat(length)}`.padEnd(BAR_WIDTH);
    const failed = span.status === 2 ? ' ✗' : '';
    lines.push(
      `${`+${duration(span.startMs - start)}`.padStart(10)} ${duration(span.endMs - span.startMs).padStart(9)} │${bar}│ ${'  '.repeat(depth)}${span.service}: ${span.name}${failed}`,
    );
    for (const event of span.events) {
      const details = Object.entries(event.attributes)
        .map(([key, value]) => `${key}=${String(value)}`)
        .join(' ');
      lines.push(
        `${`+${duration(event.timeMs - start)}`.padStart(10)} ${''.padStart(9)} │${' '.repeat(BAR_WIDTH)}│ ${'  '.repeat(depth + 1)}· ${event.name} ${details}`.trimEnd(),
      );
    }
  }
  return lines.join('\n');
}
