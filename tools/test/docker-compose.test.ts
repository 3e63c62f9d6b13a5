import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { SERVICE_RUNTIME_ENV } from '@agora/config';

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
});

describe('Dockerfile', () => {
  it('runs the services with the runtime environment npm start, the tests and the bench give them', () => {
    const runtime = readFileSync('Dockerfile', 'utf8').split(/^FROM .* AS runtime$/m)[1] ?? '';
    const env = Object.fromEntries(
      [...runtime.matchAll(/^ENV (.+)$/gm)].flatMap((line) => line[1]!.split(/\s+/).map((pair) => pair.split('=', 2) as [string, string])),
    );
    expect(env).toEqual(expect.objectContaining(SERVICE_RUNTIME_ENV));
  });
});
