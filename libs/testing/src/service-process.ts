import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { SERVICE_RUNTIME_ENV, serviceEntryPoint } from '@agora/config';
import { telemetryNodeArguments } from '@agora/telemetry';
import { waitFor } from '@agora/polling';
import { http } from './http-client';

export interface StartServiceOptions {
  /** The folder holding the service, relative to the repository root (`gateway`, `subgraphs/catalog`). */
  readonly folder: string;
  readonly port: number;
  /** Added to the test process's environment; `NODE_ENV` is `test` unless set here. */
  readonly env?: Readonly<Record<string, string>>;
  /** How long to wait for readiness (default SERVICE_READY_TIMEOUT_MS). */
  readonly readyTimeoutMs?: number;
  /**
   * Load telemetry before the service, as `npm start` and the Dockerfile do (default true). `false`
   * starts the bare entry point, for the bench to measure what loading it costs.
   */
  readonly telemetry?: boolean;
  /** The checkout whose `dist/` holds the service: this one unless an A/B compares another build. */
  readonly root?: string;
  /** Extra Node options (a profiler's `--cpu-prof`, which NODE_OPTIONS does not accept). */
  readonly nodeArguments?: readonly string[];
}

/**
 * How long a service may take from spawn to a ready `/health/ready`. Alone, a service is ready in
 * about 3 s, most of it Node loading and compiling its modules (Nest, Apollo, GraphQL,
 * OpenTelemetry): work every start does. A `TestSystem` starts its subgraphs at once, so on a
 * 2-core machine they share the CPU: six took 18-24 s, all within a second of each other, with a
 * little other load, and take longer with more. 60 s leaves room for that and still names a
 * service that hangs within a minute. (accounts was the one named when the old 30 s ran out
 * because it is spawned first: its deadline comes first, not its start-up is slower.)
 */
export const SERVICE_READY_TIMEOUT_MS = 60_000;

/** Keeps the last lines a process printed, to explain a failure. */
const KEPT_LOG_LINES = 200;

/**
 * A real service process, started from the build output (`npm run build`) as `npm start` and
 * production start it, and ready when its `/health/ready` answers 200. A start that fails kills
 * the process it spawned.
 */
export class ServiceProcess {
  readonly logs: string[] = [];
  private child?: ChildProcess;
  private exited?: Promise<unknown>;
  private paused = false;

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
    const root = this.options.root ?? process.cwd();
    const entry = serviceEntryPoint(root, path.basename(this.options.folder));
    // Loaded as npm start loads it; it starts nothing unless the test sets an OTLP endpoint.
    const preload = (this.options.telemetry ?? true) ? telemetryNodeArguments(root) : [];
    const child = spawn(process.execPath, [...(this.options.nodeArguments ?? []), ...preload, entry], {
      // NODE_ENV is `test` unless the test asks for another mode (`production`); the runtime
      // settings every service runs with (SERVICE_RUNTIME_ENV) unless the environment sets its own.
      env: {
        ...SERVICE_RUNTIME_ENV,
        ...process.env,
        NODE_ENV: 'test',
        ...this.options.env,
        PORT: String(this.options.port),
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.paused = false;
    this.exited = once(child, 'exit');
    const keep = (chunk: Buffer) => {
      this.logs.push(...chunk.toString().split('\n').filter(Boolean));
      if (this.logs.length > KEPT_LOG_LINES) this.logs.splice(0, this.logs.length - KEPT_LOG_LINES);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    try {
      // An exit ends the wait at once (the polling stops with it), rather than at the deadline.
      const outcome = await waitFor(
        async () => (this.running ? (await http(`${this.url}/health/ready`)).status === 200 && 'ready' : 'exited'),
        {
          timeoutMs: this.options.readyTimeoutMs ?? SERVICE_READY_TIMEOUT_MS,
          intervalMs: 100,
          description: `${this.options.folder} to be ready`,
        },
      );
      if (outcome === 'exited')
        throw new Error(`${this.options.folder} exited (${child.exitCode ?? child.signalCode}) before it was ready`);
    } catch (error) {
      const output = this.logs.slice(-30).join('\n');
      // A service that never became ready is killed: a failed start leaves no process behind (the
      // caller has no service to stop, and a live child would keep the test run from exiting).
      await this.stop('SIGKILL');
      throw new Error(`${(error as Error).message}\n--- last output of ${this.options.folder} ---\n${output}`);
    }
    return this;
  }

  /**
   * Freezes the process (SIGSTOP), as a hung service: its port still accepts connections, and
   * nothing answers on them until `resume()`.
   */
  pause(): void {
    if (!this.running) throw new Error(`${this.options.folder} is not running`);
    this.child!.kill('SIGSTOP');
    this.paused = true;
  }

  /** Lets a paused process run on (SIGCONT). */
  resume(): void {
    if (!this.paused) return;
    this.child!.kill('SIGCONT');
    this.paused = false;
  }

  /** Graceful stop (SIGTERM), waiting until the process has exited; a paused process is resumed first. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (!this.running) return;
    this.resume();
    this.child!.kill(signal);
    await this.exited;
  }
}
