import { connect, createServer, type Server, type Socket } from 'node:net';

/** Where the proxy forwards to. */
export interface ProxyTarget {
  readonly host: string;
  readonly port: number;
}

type ProxyMode = 'forwarding' | 'paused' | 'cut';

/** One proxied connection: the two sockets and what each sent while the proxy was paused. */
interface Link {
  readonly client: Socket;
  readonly upstream: Socket;
  readonly fromClient: Buffer[];
  readonly fromUpstream: Buffer[];
}

/**
 * A TCP proxy for tests: put it between one process and PostgreSQL or RabbitMQ to fail that
 * process's connection alone, without touching the shared server. `pause()` keeps every
 * connection open, takes what either side sends and delivers none of it (a peer that stopped
 * answering: a broker in a memory alarm takes writes and never confirms them); `cut()` drops every
 * connection and refuses new ones (the server is gone); `restore()` delivers what was held and
 * forwards again. Has no dependency, so that the messaging kit's own tests and `@agora/testing`
 * share it. Test traffic only: it does not apply backpressure.
 */
export class TcpProxy {
  private mode: ProxyMode = 'forwarding';
  private readonly links = new Set<Link>();
  private held = 0;

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
  /** Bytes taken from either side while paused and not delivered yet. */
  get heldBytes(): number {
    return this.held;
  }

  /** Delivers nothing either way from now on; connections stay open, new ones are accepted. */
  pause(): void {
    this.mode = 'paused';
  }

  /** Drops every connection and refuses new ones until `restore()`. */
  cut(): void {
    this.mode = 'cut';
    for (const link of this.links) this.drop(link);
  }

  /** Delivers what was held and forwards again; new connections go through. */
  restore(): void {
    this.mode = 'forwarding';
    for (const link of this.links) {
      for (const chunk of link.fromClient.splice(0)) link.upstream.write(chunk);
      for (const chunk of link.fromUpstream.splice(0)) link.client.write(chunk);
    }
    this.held = 0;
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
    const link: Link = { client, upstream: connect(target.port, target.host), fromClient: [], fromUpstream: [] };
    this.links.add(link);
    client.on('data', (chunk: Buffer) => this.forward(chunk, link.upstream, link.fromClient));
    link.upstream.on('data', (chunk: Buffer) => this.forward(chunk, client, link.fromUpstream));
    for (const socket of [client, link.upstream]) socket.on('error', () => this.drop(link)).on('close', () => this.drop(link));
  }

  private forward(chunk: Buffer, to: Socket, held: Buffer[]): void {
    if (this.mode === 'forwarding') {
      to.write(chunk);
      return;
    }
    held.push(chunk);
    this.held += chunk.length;
  }

  private drop(link: Link): void {
    if (!this.links.delete(link)) return;
    link.client.destroy();
    link.upstream.destroy();
  }
}
