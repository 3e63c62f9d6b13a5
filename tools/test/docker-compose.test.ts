import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

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
