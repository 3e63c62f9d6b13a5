import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { waitFor } from './wait-for';

export interface StartServiceOptions {
  /** The folder holding the service, relative to the repository root (`gateway`, `subgraphs/catalog`). */
  readonly folder: string;
  readonly port: number;
  readonly env?: Readonly<Record<string, string>>;
  readonly readyTimeoutMs?: number;
  /** NODE_ENV of the process: `test` unless said otherwise (the bench runs `production`). */
  readonly nodeEnv?: string;
}

/** Keeps the last lines a process printed, to explain a failure. */
const KEPT_LOG_LINES = 200;

/**
 * A real service process, started from the build output (`npm run build`) as `npm start` and
 * production start it, and ready when its `/health/ready` answers 200.
 */
export class ServiceProcess {
  readonly logs: string[] = [];
  private child?: ChildProcess;
  private exited?: Promise<unknown>;

  constructor(readonly options: StartServiceOptions) {}

  get url(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  get graphqlUrl(): string {
    return `${this.url}/graphql`;
  }

  /** The operating-system process id while it runs (for CPU and memory readings). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<this> {
    const entry = path.join(process.cwd(), 'dist', this.options.folder, 'src/main.js');
    const child = spawn(process.execPath, [entry], {
      env: {
        ...process.env,
        ...this.options.env,
        PORT: String(this.options.port),
        HOST: '127.0.0.1',
        NODE_ENV: this.options.nodeEnv ?? 'test',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exited = once(child, 'exit');
    const keep = (chunk: Buffer) => {
      this.logs.push(...chunk.toString().split('\n').filter(Boolean));
      if (this.logs.length > KEPT_LOG_LINES) this.logs.splice(0, this.logs.length - KEPT_LOG_LINES);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    await waitFor(
      async () => {
        if (!this.running) throw new Error(`${this.options.folder} exited:\n${this.logs.slice(-20).join('\n')}`);
        const response = await fetch(`${this.url}/health/ready`);
        return response.status === 200;
      },
      { timeoutMs: this.options.readyTimeoutMs ?? 30_000, intervalMs: 100, description: `${this.options.folder} to be ready` },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n--- last output of ${this.options.folder} ---\n${this.logs.slice(-30).join('\n')}`);
    });
    return this;
  }

  /** Graceful stop (SIGTERM), waiting until the process has exited. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (!this.running) return;
    this.child!.kill(signal);
    await this.exited;
  }
}
