import { ConfigError } from './config.error';
import { loadServiceConfig, redactUrl, resolveDatabaseUrl } from './service-config';
import { z } from 'zod';

describe('loadServiceConfig', () => {
  it('gives working local defaults when the environment is empty', () => {
    const config = loadServiceConfig('catalog', 4002, {});
    expect(config.port).toBe(4002);
    expect(config.database).toEqual({
      url: 'postgres://postgres@localhost:5432/agora_catalog',
      name: 'agora_catalog',
      poolSize: 10,
      preparedStatements: true,
    });
    expect(config.broker).toEqual({
      url: 'amqp://guest:guest@localhost:5672',
      namespace: 'agora',
      handlerConcurrency: 5,
      inboxRetentionMs: 14 * 24 * 60 * 60 * 1_000,
    });
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

  it('reads the connection budget and the inbox retention', () => {
    const config = loadServiceConfig('catalog', 4002, {
      DATABASE_POOL_SIZE: '20',
      EVENT_HANDLER_CONCURRENCY: '8',
      INBOX_RETENTION_DAYS: '30',
    });
    expect(config.database.poolSize).toBe(20);
    expect(config.database.preparedStatements).toBe(true);
    expect(loadServiceConfig('catalog', 4002, { DATABASE_PREPARED_STATEMENTS: 'false' }).database.preparedStatements).toBe(false);
    expect(() => loadServiceConfig('catalog', 4002, { DATABASE_PREPARED_STATEMENTS: 'sometimes' })).toThrow(/DATABASE_PREPARED_STATEMENTS/);
    expect(config.broker).toMatchObject({ handlerConcurrency: 8, inboxRetentionMs: 30 * 24 * 60 * 60 * 1_000 });
    expect(() => loadServiceConfig('catalog', 4002, { EVENT_HANDLER_CONCURRENCY: '0' })).toThrow(/EVENT_HANDLER_CONCURRENCY="0"/);
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
