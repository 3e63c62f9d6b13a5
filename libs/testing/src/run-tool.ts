import { execFile } from 'node:child_process';

/** What a command printed and how it ended. */
export interface ToolResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const TOOL_TIMEOUT_MS = 30_000;

/**
 * Runs a built tool (`dist/tools/<name>/<name>.js`) as an operator runs it with `npm run <name>`,
 * with `env` added to the environment, and returns its output whatever its exit code.
 */
export function runTool(name: string, args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [`dist/tools/${name}/${name}.js`, ...args],
      { env: { ...process.env, ...env }, timeout: TOOL_TIMEOUT_MS },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return reject(error);
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}
