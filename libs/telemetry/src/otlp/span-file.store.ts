import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import type { SpanRecord } from './span.record';

const CURRENT_FILE = 'spans.jsonl';
const PREVIOUS_FILE = 'spans.1.jsonl';
/** Each of the two files is rotated past this size, so the store never holds more than twice it. */
export const DEFAULT_SPAN_STORE_BYTES = 16 * 1024 * 1024;

/**
 * Keeps recent spans in a folder as JSON lines, bounded: when the current file passes `maxBytes`
 * it replaces the previous one and a new file starts. What `npm start` receives; what
 * `npm run trace` reads.
 */
export class SpanFileStore {
  private size: number;

  constructor(
    readonly folder: string,
    private readonly maxBytes = DEFAULT_SPAN_STORE_BYTES,
  ) {
    mkdirSync(folder, { recursive: true });
    this.size = existsSync(this.current) ? statSync(this.current).size : 0;
  }

  private get current(): string {
    return path.join(this.folder, CURRENT_FILE);
  }

  append(spans: readonly SpanRecord[]): void {
    if (spans.length === 0) return;
    const text = spans.map((span) => `${JSON.stringify(span)}\n`).join('');
    const bytes = Buffer.byteLength(text);
    if (this.size > 0 && this.size + bytes > this.maxBytes) {
      renameSync(this.current, path.join(this.folder, PREVIOUS_FILE));
      this.size = 0;
    }
    appendFileSync(this.current, text);
    this.size += bytes;
  }
}

/** Every span kept in `folder`, oldest file first; unreadable lines (a torn write) are skipped. */
export function readStoredSpans(folder: string): SpanRecord[] {
  const spans: SpanRecord[] = [];
  for (const file of [PREVIOUS_FILE, CURRENT_FILE]) {
    const full = path.join(folder, file);
    if (!existsSync(full)) continue;
    for (const line of readFileSync(full, 'utf8').split('\n')) {
      if (!line) continue;
      try {
        spans.push(JSON.parse(line) as SpanRecord);
      } catch {
        // a line cut short by a crash
      }
    }
  }
  return spans;
}
