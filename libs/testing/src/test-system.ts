import { JWKS_PATH, SUBGRAPH_CREDENTIAL_HEADER } from '@agora/auth';
import { DEFAULT_DATABASE_SERVER_URL } from '@agora/config';
import { dropDatabase, listDatabases, withDatabase } from '@agora/database';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deleteBrokerNamespace } from './broker-cleanup';
import { graphql, type GraphQLResponse } from './graphql-client';
import { TcpProxy } from '@agora/tcp-proxy';
import { deleteRedisNamespace } from './redis-cleanup';
import { freePort, testNamespace, UNREACHABLE_ORIGIN } from './namespace';
import { ServiceProcess } from './service-process';

export interface TestSystemOptions {
  /** Subgraph names (folders under subgraphs/) to start. */
  readonly subgraphs: readonly string[];
  /** Start the gateway in front of them (default true). */
  readonly gateway?: boolean;
  /** Extra environment for every service (e.g. OTEL_* to trace them, LOG_LEVEL). */
  readonly env?: Readonly<Record<string, string>>;
  /** Extra environment for the gateway (e.g. SUPERGRAPH_PATH). */
  readonly gatewayEnv?: Readonly<Record<string, string>>;
  /** Extra environment per subgraph, by name (e.g. accounts' SIGNING_KEY). */
  readonly subgraphEnv?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Run every service with `NODE_ENV=production` (default: `test`). */
  readonly production?: boolean;
  /** Subgraphs that reach their database through a `TcpProxy`, for tests that cut or pause it. */
  readonly databaseProxies?: readonly string[];
}

/** Every subgraph of the system, from the list the tools share. */
function allSubgraphNames(): string[] {
  const services = JSON.parse(readFileSync(path.join(process.cwd(), 'tools/services.json'), 'utf8')) as Record<string, { kind: string }>;
  return Object.entries(services)
    .filter(([, service]) => service.kind === 'subgraph')
    .map(([name]) => name);
}

/** The database server tests use; `TEST_DATABASE_URL` points elsewhere if needed. */
export const TEST_DATABASE_SERVER_URL = process.env.TEST_DATABASE_URL ?? DEFAULT_DATABASE_SERVER_URL;

/**
 * Real service processes for one test suite: each subgraph on a free port with its own
 * database `<namespace>_<service>` and the broker namespace `<namespace>`, and the gateway pointed
 * at them. `stop()` stops them all, drops every database of the namespace and deletes its
 * exchange and queues.
 */
export class TestSystem {
  readonly namespace = testNamespace();
  readonly subgraphs = new Map<string, ServiceProcess>();
  /** The gateway's credential (`SUBGRAPH_SECRET`), new for every system. */
  readonly subgraphSecret = randomBytes(32).toString('hex');
  private readonly proxies = new Map<string, TcpProxy>();
  /** Further processes of a subgraph, started by `startReplica`. */
  readonly replicas: ServiceProcess[] = [];
  gateway?: ServiceProcess;
  /** Set by `stop()`: a start still under way starts nothing more. */
  private stopped = false;

  constructor(private readonly options: TestSystemOptions) {}

  databaseUrl(subgraph: string): string {
    return withDatabase(TEST_DATABASE_SERVER_URL, `${this.namespace}_${subgraph}`);
  }

  subgraph(name: string): ServiceProcess {
    const service = this.subgraphs.get(name);
    if (!service) throw new Error(`subgraph ${name} is not part of this test system`);
    return service;
  }

  /** The header that lets a test call a subgraph as the gateway does. */
  get gatewayCredential(): Record<string, string> {
    return { [SUBGRAPH_CREDENTIAL_HEADER]: this.subgraphSecret };
  }

  /** Runs an operation against one subgraph directly, as the gateway would (with its credential). */
  callSubgraph<TData = Record<string, any>>(
    name: string,
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse<TData>> {
    return graphql<TData>(this.subgraph(name).graphqlUrl, query, variables, { ...this.gatewayCredential, ...headers });
  }

  /** The proxy between `subgraph` and its database (see `databaseProxies`). */
  databaseProxy(subgraph: string): TcpProxy {
    const proxy = this.proxies.get(subgraph);
    if (!proxy) throw new Error(`subgraph ${subgraph} does not reach its database through a proxy; list it in databaseProxies`);
    return proxy;
  }

  get gatewayUrl(): string {
    if (!this.gateway) throw new Error('this test system has no gateway');
    return this.gateway.graphqlUrl;
  }

  /** Where the accounts of this system publishes its keys (nothing answers when it is not started). */
  private jwksUrl(ports: ReadonlyMap<string, number>): string {
    const accounts = ports.get('accounts');
    return `${accounts ? `http://127.0.0.1:${accounts}` : UNREACHABLE_ORIGIN}${JWKS_PATH}`;
  }

  /**
   * Starts every service. If one fails, or `stop()` is called meanwhile (a jest hook timing out),
   * it stops what it started and throws: a caller that never got a started system has nothing to
   * stop, and a process left running would keep the test run from exiting.
   */
  async start(): Promise<this> {
    try {
      await this.startServices();
    } catch (error) {
      await this.stop().catch(() => undefined); // the start's own error is the one to report
      throw error;
    }
    return this;
  }

  private async startServices(): Promise<void> {
    const ports = new Map<string, number>();
    for (const name of this.options.subgraphs) ports.set(name, await freePort());
    const common = {
      BROKER_NAMESPACE: this.namespace,
      JWKS_URL: this.jwksUrl(ports),
      LOG_LEVEL: 'warn',
      SUBGRAPH_SECRET: this.subgraphSecret,
      NODE_ENV: this.options.production ? 'production' : 'test',
      ...this.options.env,
    };
    for (const name of this.options.databaseProxies ?? []) {
      this.proxies.set(name, await TcpProxy.start(TcpProxy.targetOf(this.databaseUrl(name))));
    }
    this.refuseIfStopped();
    for (const name of this.options.subgraphs) {
      const databaseUrl = this.proxies.get(name)?.url(this.databaseUrl(name)) ?? this.databaseUrl(name);
      const service = new ServiceProcess({
        folder: `subgraphs/${name}`,
        port: ports.get(name)!,
        env: { ...common, DATABASE_URL: databaseUrl, ...this.options.subgraphEnv?.[name] },
      });
      this.subgraphs.set(name, service);
    }
    if (this.options.gateway ?? true) {
      // Subgraphs this test did not start must not reach a running `npm start` on default ports.
      const urls = Object.fromEntries(
        allSubgraphNames().map((name) => [
          `SUBGRAPH_${name.toUpperCase()}_URL`,
          this.subgraphs.get(name)?.graphqlUrl ?? `${UNREACHABLE_ORIGIN}/graphql`,
        ]),
      );
      const port = await freePort();
      // Known before it starts, so that a `stop()` meanwhile stops it too.
      this.gateway = new ServiceProcess({ folder: 'gateway', port, env: { ...urls, ...common, ...this.options.gatewayEnv } });
    }
    this.refuseIfStopped();
    // Everything starts at once, as `npm start` starts it: each subgraph migrates its own database,
    // and the gateway serves the committed supergraph without waiting for any subgraph (their
    // ports are known before they listen). The system is ready when every process is.
    await Promise.all([...this.subgraphs.values(), ...(this.gateway ? [this.gateway] : [])].map((service) => service.start()));
  }

  private refuseIfStopped(): void {
    if (this.stopped) throw new Error(`test system ${this.namespace} was stopped while it started`);
  }

  /**
   * Starts another process of a started subgraph, with the same database, broker namespace and
   * environment (plus `env`), as a second replica behind a load balancer would run; `telemetry`
   * and `nodeArguments` as in `StartServiceOptions`.
   */
  async startReplica(
    name: string,
    changes: {
      readonly env?: Readonly<Record<string, string>>;
      readonly telemetry?: boolean;
      readonly nodeArguments?: readonly string[];
    } = {},
  ): Promise<ServiceProcess> {
    this.refuseIfStopped();
    const { options } = this.subgraph(name);
    const replica = new ServiceProcess({
      ...options,
      port: await freePort(),
      env: { ...options.env, ...changes.env },
      telemetry: changes.telemetry ?? options.telemetry ?? true,
      nodeArguments: changes.nodeArguments ?? options.nodeArguments,
    });
    this.replicas.push(replica);
    return replica.start();
  }

  /** Whether any service of this system counts in Redis, so that stop() cleans its keys. */
  private get usesRedis(): boolean {
    return [this.gateway, ...this.subgraphs.values(), ...this.replicas].some((service) => service?.options.env?.REDIS_URL);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all([this.gateway, ...this.subgraphs.values(), ...this.replicas].map((service) => service?.stop()));
    await Promise.all([...this.proxies.values()].map((proxy) => proxy.close()));
    if (this.usesRedis) await deleteRedisNamespace(this.namespace);
    await deleteBrokerNamespace(this.namespace, [...this.subgraphs.keys()]);
    const databases = await listDatabases(TEST_DATABASE_SERVER_URL, this.namespace);
    await Promise.all(databases.map((name) => dropDatabase(withDatabase(TEST_DATABASE_SERVER_URL, name))));
  }
}
