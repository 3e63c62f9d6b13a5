import { ConfigError } from './config.error';
import { loadServiceConfig, redactUrl, resolveDatabaseUrl } from './service-config';
import { z } from 'zod';

describe('loadServiceConfig', () => {
  it('gives working local defaults when the environment is empty', () => {
    const config = loadServiceConfig('catalog', 4002, {});
    expect(config.port).toBe(4002);
    expect(config.database).toEqual({ url: 'postgres://postgres@localhost:5432/agora_catalog', name: 'agora_catalog' });
    expect(config.broker).toEqual({ url: 'amqp://guest:guest@localhost:5672', namespace: 'agora' });
    expect(config.production).toBe(false);
  });

  it('keeps the database named in DATABASE_URL', () => {
    const config = loadServiceConfig('catalog', 4002, { DATABASE_URL: 'postgres://u:p@db:5433/shop' });
    expect(config.database.name).toBe('shop');
    expect(config.database.url).toBe('postgres://u:p@db:5433/shop');
  });

  it('lists every invalid variable in one error', () => {
    const load = () => loadServiceConfig('catalog', 4002, { PORT: 'eighty', RABBITMQ_URL: 'http://x' });
    expect(load).toThrow(ConfigError);
    try {
      load();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toContain('PORT="eighty"');
      expect(problems).toContain('RABBITMQ_URL="http://x"');
    }
  });

  it('validates the service-specific variables in the same pass', () => {
    const config = loadServiceConfig('gateway', 4000, { CORS: 'x' }, { CORS: z.string() });
    expect(config.env.CORS).toBe('x');
  });
});

describe('resolveDatabaseUrl', () => {
  it('adds agora_<service> to a server URL', () => {
    expect(resolveDatabaseUrl('postgres://h:1/', 'orders').name).toBe('agora_orders');
  });
});

describe('redactUrl', () => {
  it('hides the password', () => {
    expect(redactUrl('amqp://guest:secret@host:5672')).toBe('amqp://guest:***@host:5672');
  });
});
