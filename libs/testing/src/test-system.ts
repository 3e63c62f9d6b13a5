import { JWKS_PATH } from '@agora/auth';
import { DEFAULT_DATABASE_SERVER_URL } from '@agora/config';
import { dropDatabase, listDatabases, withDatabase } from '@agora/database';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { deleteBrokerNamespace } from './broker-cleanup';
import { freePort, testNamespace, UNREACHABLE_ORIGIN } from './namespace';
import { ServiceProcess } from './service-process';

export interface TestSystemOptions {
  /** Subgraph names (folders under subgraphs/) to start. */
  readonly subgraphs: readonly string[];
  /** Start the gateway in front of them (default true). */
  readonly gateway?: boolean;
  /** Extra environment for the gateway (e.g. SUPERGRAPH_PATH). */
  readonly gatewayEnv?: Readonly<Record<string, string>>;
  /** Extra environment per subgraph, by name (e.g. accounts' SIGNING_KEY). */
  readonly subgraphEnv?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** NODE_ENV of every process (default `test`). */
  readonly nodeEnv?: string;
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
  gateway?: ServiceProcess;

  constructor(private readonly options: TestSystemOptions) {}

  databaseUrl(subgraph: string): string {
    return withDatabase(TEST_DATABASE_SERVER_URL, `${this.namespace}_${subgraph}`);
  }

  subgraph(name: string): ServiceProcess {
    const service = this.subgraphs.get(name);
    if (!service) throw new Error(`subgraph ${name} is not part of this test system`);
    return service;
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

  async start(): Promise<this> {
    const ports = new Map<string, number>();
    for (const name of this.options.subgraphs) ports.set(name, await freePort());
    const common = { BROKER_NAMESPACE: this.namespace, JWKS_URL: this.jwksUrl(ports), LOG_LEVEL: 'warn' };
    for (const name of this.options.subgraphs) {
      const service = new ServiceProcess({
        folder: `subgraphs/${name}`,
        port: ports.get(name)!,
        env: { ...common, DATABASE_URL: this.databaseUrl(name), ...this.options.subgraphEnv?.[name] },
        ...(this.options.nodeEnv ? { nodeEnv: this.options.nodeEnv } : {}),
      });
      this.subgraphs.set(name, service);
    }
    // Subgraphs start in parallel: each migrates its own database.
    await Promise.all([...this.subgraphs.values()].map((service) => service.start()));
    if (this.options.gateway ?? true) {
      // Subgraphs this test did not start must not reach a running `npm start` on default ports.
      const urls = Object.fromEntries(
        allSubgraphNames().map((name) => [
          `SUBGRAPH_${name.toUpperCase()}_URL`,
          this.subgraphs.get(name)?.graphqlUrl ?? `${UNREACHABLE_ORIGIN}/graphql`,
        ]),
      );
      this.gateway = await new ServiceProcess({
        folder: 'gateway',
        port: await freePort(),
        env: { ...urls, ...common, ...this.options.gatewayEnv },
        ...(this.options.nodeEnv ? { nodeEnv: this.options.nodeEnv } : {}),
      }).start();
    }
    return this;
  }

  async stop(): Promise<void> {
    await Promise.all([this.gateway, ...this.subgraphs.values()].map((service) => service?.stop()));
    await deleteBrokerNamespace(this.namespace, [...this.subgraphs.keys()]);
    const databases = await listDatabases(TEST_DATABASE_SERVER_URL, this.namespace);
    await Promise.all(databases.map((name) => dropDatabase(withDatabase(TEST_DATABASE_SERVER_URL, name))));
  }
}
