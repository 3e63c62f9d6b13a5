import { UnreachableCaseError } from '@agora/exhaustive';
import { Logger } from '@nestjs/common';
import amqp, { type ChannelModel } from 'amqplib';
import { AMQP_SOCKET_OPTIONS, CONNECT_TIMEOUT_MS, HEARTBEAT_SECONDS, LOG_CONTEXT } from '../constants';
import { BrokerUnavailableError } from '../messaging.error';
import { withinDeadline } from '../deadline';
import { backoffDelay } from './backoff';

/** Lifecycle of the connection, checked exhaustively wherever it matters. */
export type BrokerState =
  | { readonly status: 'idle' }
  | { readonly status: 'connecting'; readonly attempt: number; readonly lastError?: string }
  | { readonly status: 'connected'; readonly model: ChannelModel; readonly blockedReason?: string }
  | { readonly status: 'stopped' };

/**
 * Runs whenever a connection opens, to create channels and declare topology. A rejection closes
 * the connection, so the whole setup is retried on the next one.
 */
export type ConnectionListener = (model: ChannelModel) => Promise<void>;

export interface BrokerConnectionOptions {
  readonly url: string;
  /** Shown in RabbitMQ's management UI, to tell services' connections apart. */
  readonly connectionName: string;
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** How long `stop()` waits for the broker to acknowledge the close before dropping the socket. */
  readonly closeTimeoutMs: number;
}

/**
 * One AMQP connection per process, kept open: reconnects with exponential backoff whenever it is
 * lost and runs every listener again, so channels and topology are re-created after a broker
 * restart. Tracks `blocked` (a memory or disk alarm: publishes would hang) for readiness.
 */
export class BrokerConnection {
  private state: BrokerState = { status: 'idle' };
  private readonly listeners: ConnectionListener[] = [];
  private retryTimer?: NodeJS.Timeout;
  private readonly logger = new Logger(LOG_CONTEXT.broker);

  constructor(private readonly options: BrokerConnectionOptions) {}

  get current(): BrokerState {
    return this.state;
  }

  /** Registers setup work for every connection, including one already open. */
  onConnect(listener: ConnectionListener): void {
    this.listeners.push(listener);
    if (this.state.status === 'connected') void this.runListener(this.state.model, listener);
  }

  /** Starts connecting in the background; the process keeps serving while RabbitMQ is away. */
  start(): void {
    if (this.state.status !== 'idle') return;
    void this.connect(1);
  }

  /** Resolves when usable; rejects with the reason otherwise. The readiness check. */
  async check(): Promise<void> {
    const state = this.state;
    switch (state.status) {
      case 'connected':
        if (state.blockedReason) throw new BrokerUnavailableError('blocked', state.blockedReason);
        return;
      case 'connecting':
        throw new BrokerUnavailableError('unreachable', state.lastError);
      case 'idle':
        throw new BrokerUnavailableError('not connected yet');
      case 'stopped':
        throw new BrokerUnavailableError('disconnected (stopping)');
      default:
        throw new UnreachableCaseError(state);
    }
  }

  async stop(): Promise<void> {
    const state = this.state;
    this.state = { status: 'stopped' };
    clearTimeout(this.retryTimer);
    if (state.status !== 'connected') return;
    const closed = await withinDeadline(
      state.model.close().catch(() => undefined),
      this.options.closeTimeoutMs,
    );
    // A blocked or silent broker never answers the close: drop the socket, which it handles as a lost
    // client. With an error: amqplib tears its connection down (heartbeat timers included) only on
    // the socket's 'error' or 'end', and a plain destroy emits neither.
    if (!closed.done)
      (state.model.connection as { stream?: { destroy(error?: Error): void } }).stream?.destroy(
        new Error(`RabbitMQ did not acknowledge the close within ${this.options.closeTimeoutMs} ms`),
      );
  }

  private async connect(attempt: number): Promise<void> {
    if (this.state.status === 'stopped') return;
    this.state = { status: 'connecting', attempt, ...(this.state.status === 'connecting' ? { lastError: this.state.lastError } : {}) };
    let model: ChannelModel;
    try {
      model = await amqp.connect(withHeartbeat(this.options.url), {
        timeout: CONNECT_TIMEOUT_MS,
        ...AMQP_SOCKET_OPTIONS,
        clientProperties: { connection_name: this.options.connectionName },
      });
    } catch (error) {
      this.scheduleReconnect(attempt, error);
      return;
    }
    if (this.currentStatus() === 'stopped') {
      await model.close().catch(() => undefined);
      return;
    }
    model.on('error', () => undefined); // 'close' follows with the same error; handled there.
    model.on('close', (error?: Error) => this.onClosed(model, error));
    model.on('blocked', (reason: string) => this.onBlocked(model, reason));
    model.on('unblocked', () => this.onBlocked(model, undefined));
    this.state = { status: 'connected', model };
    this.logger.log(`connected to RabbitMQ${attempt > 1 ? ` after ${attempt} attempts` : ''}`);
    for (const listener of this.listeners) await this.runListener(model, listener);
  }

  private async runListener(model: ChannelModel, listener: ConnectionListener): Promise<void> {
    try {
      await listener(model);
    } catch (error) {
      if (this.state.status !== 'connected' || this.state.model !== model) return;
      this.logger.error(`setting up a RabbitMQ connection failed; reconnecting: ${describe(error)}`);
      await model.close().catch(() => undefined);
    }
  }

  private onClosed(model: ChannelModel, error?: Error): void {
    if (this.state.status !== 'connected' || this.state.model !== model) return;
    this.logger.warn(`lost the RabbitMQ connection (${error ? describe(error) : 'closed'}); reconnecting`);
    this.state = { status: 'connecting', attempt: 1, lastError: error ? describe(error) : 'connection closed' };
    this.scheduleReconnect(0, error);
  }

  private onBlocked(model: ChannelModel, reason: string | undefined): void {
    if (this.state.status !== 'connected' || this.state.model !== model) return;
    if (reason) this.logger.warn(`RabbitMQ blocked this connection: ${reason}`);
    else this.logger.log('RabbitMQ unblocked this connection');
    this.state = { status: 'connected', model, ...(reason ? { blockedReason: reason } : {}) };
  }

  private scheduleReconnect(attempt: number, error: unknown): void {
    if (this.currentStatus() === 'stopped') return;
    const delay = backoffDelay(attempt, this.options.initialDelayMs, this.options.maxDelayMs);
    this.state = { status: 'connecting', attempt: attempt + 1, lastError: describe(error) };
    this.retryTimer = setTimeout(() => void this.connect(attempt + 1), delay);
  }

  /** Read through a method so TypeScript does not narrow `state` across awaits. */
  private currentStatus(): BrokerState['status'] {
    return this.state.status;
  }
}

/** The URL's own `heartbeat` wins; otherwise ours, so a dead peer is noticed in seconds. */
function withHeartbeat(url: string): string {
  const parsed = new URL(url);
  if (!parsed.searchParams.has('heartbeat')) parsed.searchParams.set('heartbeat', String(HEARTBEAT_SECONDS));
  return parsed.toString();
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
