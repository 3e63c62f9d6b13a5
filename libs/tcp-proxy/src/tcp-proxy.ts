import { createServer, type Server, type Socket, connect } from 'node:net';

/** Where the proxy forwards to. */
export interface ProxyTarget {
  readonly host: string;
  readonly port: number;
}

type ProxyMode = 'forwarding' | 'paused' | 'cut';

/**
 * A TCP proxy for tests: put it between one process and PostgreSQL or RabbitMQ to fail that
 * process's connection alone, without touching the shared server. `pause()` keeps every
 * connection open but forwards nothing either way (a blocked or silent peer: a broker in a
 * memory alarm takes writes and never answers); `cut()` drops every connection and refuses new
 * ones (the server is gone); `restore()` forwards again. Has no dependency, so that the messaging
 * kit's own tests and `@agora/testing` share it.
 */
export class TcpProxy {
  private mode: ProxyMode = 'forwarding';
  private readonly pairs = new Set<readonly [Socket, Socket]>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  /** Listens on a free local port and forwards to `target`. */
  static async start(target: ProxyTarget): Promise<TcpProxy> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (typeof address !== 'object' || !address) throw new Error('the proxy has no port');
    const proxy = new TcpProxy(server, address.port);
    server.on('connection', (client) => proxy.accept(client, target));
    return proxy;
  }

  /** Where `url` (postgres:// or amqp://) points: the target to put a proxy in front of. */
  static targetOf(url: string): ProxyTarget {
    const parsed = new URL(url);
    const defaultPort = parsed.protocol.startsWith('amqp') ? 5672 : 5432;
    return { host: parsed.hostname || '127.0.0.1', port: Number(parsed.port || defaultPort) };
  }

  /** `url` rewritten to go through this proxy. */
  url(url: string): string {
    const parsed = new URL(url);
    parsed.hostname = '127.0.0.1';
    parsed.port = String(this.port);
    return parsed.toString();
  }

  /** Connections currently open through the proxy. */
  get connections(): number {
    return this.pairs.size;
  }

  /** Stops forwarding in both directions; connections stay open, new ones are accepted and held. */
  pause(): void {
    this.mode = 'paused';
    for (const [client, upstream] of this.pairs) {
      client.pause();
      upstream.pause();
    }
  }

  /** Drops every connection and refuses new ones until `restore()`. */
  cut(): void {
    this.mode = 'cut';
    for (const [client, upstream] of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    this.pairs.clear();
  }

  /** Forwards again: paused connections resume, new connections go through. */
  restore(): void {
    this.mode = 'forwarding';
    for (const [client, upstream] of this.pairs) {
      client.resume();
      upstream.resume();
    }
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket, target: ProxyTarget): void {
    if (this.mode === 'cut') {
      client.destroy();
      return;
    }
    const upstream = connect(target.port, target.host);
    const pair = [client, upstream] as const;
    this.pairs.add(pair);
    const drop = () => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
    if (this.mode === 'paused') {
      client.pause();
      upstream.pause();
    }
  }
}
