import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { SERVICE_NODE_ARGUMENTS, SERVICE_RUNTIME_ENV, type ServiceKind } from '@agora/config';

describe('docker-compose.yml', () => {
  it('restarts every service, PostgreSQL, RabbitMQ and the observability stack when one exits', () => {
    const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as {
      services: Record<string, { restart?: string }>;
    };
    const policies = Object.fromEntries(Object.entries(compose.services).map(([name, service]) => [name, service.restart]));
    expect(Object.keys(policies)).toEqual(
      expect.arrayContaining(['postgres', 'rabbitmq', 'gateway', 'accounts', 'catalog', 'inventory', 'orders', 'reviews', 'notifications']),
    );
    for (const [name, policy] of Object.entries(policies)) expect({ name, policy }).toEqual({ name, policy: 'unless-stopped' });
  });

  it('starts each service with the Node options of its kind, as npm start, the tests and the bench do', () => {
    const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as {
      services: Record<string, { command?: string[] }>;
    };
    const commands = Object.entries(compose.services).filter(([, service]) => service.command?.[0] === 'node');
    expect(commands.map(([name]) => name)).toEqual(
      expect.arrayContaining(['gateway', 'accounts', 'catalog', 'inventory', 'orders', 'reviews', 'notifications']),
    );
    for (const [name, { command }] of commands) {
      const kind: ServiceKind = command!.at(-1)!.includes('/subgraphs/') ? 'subgraph' : 'gateway';
      expect({ name, options: nodeOptionsOf(command!) }).toEqual({ name, options: [...SERVICE_NODE_ARGUMENTS[kind]] });
    }
  });
});

describe('Dockerfile', () => {
  it('runs the services with the runtime environment npm start, the tests and the bench give them', () => {
    const runtime = readFileSync('Dockerfile', 'utf8').split(/^FROM .* AS runtime$/m)[1] ?? '';
    const env = Object.fromEntries(
      [...runtime.matchAll(/^ENV (.+)$/gm)].flatMap((line) => line[1]!.split(/\s+/).map((pair) => pair.split('=', 2) as [string, string])),
    );
    expect(env).toEqual(expect.objectContaining(SERVICE_RUNTIME_ENV));
  });

  it("starts by default the gateway, with the gateway's Node options", () => {
    const runtime = readFileSync('Dockerfile', 'utf8').split(/^FROM .* AS runtime$/m)[1] ?? '';
    const command = JSON.parse(/^CMD (\[.*\])$/m.exec(runtime)?.[1] ?? '[]') as string[];
    expect(command.at(-1)).toBe('dist/gateway/src/main.js');
    expect(nodeOptionsOf(command)).toEqual([...SERVICE_NODE_ARGUMENTS.gateway]);
  });
});

/**
 * The Node options of a `node …` command that tune the runtime: all but the ones every service has
 * whatever its kind (source maps, the telemetry `--import` and its file) and the entry point.
 */
function nodeOptionsOf(command: readonly string[]): string[] {
  const options = command.slice(1, -1);
  return options.filter((option, index) => option !== '--enable-source-maps' && option !== '--import' && options[index - 1] !== '--import');
}
