import { execFile } from 'node:child_process';

/** What a command printed and how it ended. */
export interface ToolResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Longer than any tool takes on a busy machine; a tool that runs this long has hung. */
const TOOL_TIMEOUT_MS = 60_000;
/** Room for a tool that prints a long report (the contract check lists every change). */
const TOOL_OUTPUT_BYTES = 16 * 1024 * 1024;

/**
 * Runs a built tool (`dist/tools/<name>/<name>.js`) as an operator runs it with `npm run <name>`,
 * with `env` added to the environment, and returns its output whatever its exit code.
 */
export function runTool(name: string, args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [`dist/tools/${name}/${name}.js`, ...args],
      { env: { ...process.env, ...env }, timeout: TOOL_TIMEOUT_MS, maxBuffer: TOOL_OUTPUT_BYTES },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return reject(error);
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}
