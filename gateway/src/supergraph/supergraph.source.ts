import { HealthRegistry } from '@agora/health';
import type { SupergraphSdlHook } from '@apollo/gateway';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { type FSWatcher, watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { notReadyReason, type SupergraphState } from './supergraph.state';

/** Editors and `npm run compose` write in several steps; wait for the last one. */
const RELOAD_DEBOUNCE_MS = 150;

export class SupergraphMissingError extends Error {
  constructor(
    readonly filePath: string,
    override readonly cause: unknown,
  ) {
    super(`cannot read the supergraph at ${filePath} (${(cause as Error).message}). Run \`npm run compose\` to create it.`);
    this.name = 'SupergraphMissingError';
  }
}

/**
 * Serves the committed, statically composed supergraph file to Apollo Gateway, and hands it a
 * new one whenever the file changes. Subgraphs are never introspected at runtime, so the
 * gateway starts, and keeps serving, when some of them are down.
 */
@Injectable()
export class SupergraphSource implements OnModuleInit {
  private readonly logger = new Logger(SupergraphSource.name);
  private state: SupergraphState = { kind: 'loading' };
  private watcher?: FSWatcher;
  private debounce?: NodeJS.Timeout;

  constructor(
    private readonly filePath: string,
    private readonly health: HealthRegistry,
  ) {}

  onModuleInit(): void {
    this.health.register({
      name: 'supergraph',
      check: async () => {
        const reason = notReadyReason(this.state);
        if (reason) throw new Error(reason);
      },
    });
  }

  get current(): SupergraphState {
    return this.state;
  }

  /** The hook Apollo Gateway calls once at start; it returns the SDL and keeps watching. */
  readonly hook: SupergraphSdlHook = async ({ update }) => {
    const sdl = await this.read();
    this.loaded(sdl);
    this.watch(update);
    return { supergraphSdl: sdl, cleanup: async () => this.stop() };
  };

  private async read(): Promise<string> {
    try {
      return await readFile(this.filePath, 'utf8');
    } catch (error) {
      const missing = new SupergraphMissingError(this.filePath, error);
      this.state = { kind: 'failed', reason: missing.message };
      throw missing;
    }
  }

  private loaded(sdl: string): void {
    this.state = { kind: 'loaded', hash: hashOf(sdl), loadedAt: new Date() };
  }

  /** Watches the folder rather than the file: a file replaced by rename would lose a file watch. */
  private watch(update: (sdl: string) => void): void {
    const folder = path.dirname(this.filePath);
    const name = path.basename(this.filePath);
    this.watcher = watch(folder, (_event, changed) => {
      if (changed && changed !== name) return;
      clearTimeout(this.debounce);
      this.debounce = setTimeout(() => void this.reload(update), RELOAD_DEBOUNCE_MS);
    });
    this.watcher.on('error', (error) => this.logger.error(`stopped watching ${this.filePath}: ${error.message}`));
  }

  private async reload(update: (sdl: string) => void): Promise<void> {
    let sdl: string;
    try {
      sdl = await readFile(this.filePath, 'utf8');
    } catch (error) {
      this.logger.warn(`supergraph file unreadable, keeping the current one: ${(error as Error).message}`);
      return;
    }
    const hash = hashOf(sdl);
    if (this.state.kind === 'loaded' && this.state.hash === hash) return;
    try {
      update(sdl);
      this.loaded(sdl);
      this.logger.log(`supergraph reloaded from ${this.filePath}`, { hash });
    } catch (error) {
      // A broken file must not take down a serving gateway: keep the last good supergraph.
      this.logger.error(`new supergraph rejected, keeping the current one: ${(error as Error).message}`);
    }
  }

  private stop(): void {
    clearTimeout(this.debounce);
    this.watcher?.close();
  }
}

function hashOf(sdl: string): string {
  return createHash('sha256').update(sdl).digest('hex').slice(0, 16);
}
