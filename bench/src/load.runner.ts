import { spawn } from 'node:child_process';
import path from 'node:path';
import type { LoadResult, LoadSpec } from './load.model';

/** A load run may take its duration plus this long to start, drain and report. */
const LOAD_SLACK_MS = 30_000;

/** Runs one load in a separate process (load.worker) and returns what it measured. */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const worker = path.join(import.meta.dirname, 'load.worker.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [worker, JSON.stringify(spec)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), spec.durationSeconds * 1000 + LOAD_SLACK_MS);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(JSON.parse(stdout) as LoadResult);
      else reject(new Error(`the load generator failed (${code ?? 'killed'}) against ${spec.url}: ${stderr.slice(-2000)}`));
    });
  });
}

/** `result`'s failures with their reasons, for a log line; empty when there were none. */
export function failureSummary(result: Pick<LoadResult, 'failures' | 'failureReasons'>): string {
  if (result.failures === 0) return '';
  const reasons = Object.entries(result.failureReasons).map(([reason, count]) => `${count} × ${reason}`);
  return `; ${result.failures} failed: ${reasons.join('; ')}`;
}
