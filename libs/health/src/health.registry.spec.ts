import { HealthRegistry } from './health.registry';

describe('HealthRegistry', () => {
  it('is ready when every check passes', async () => {
    const registry = new HealthRegistry();
    registry.register({ name: 'database', check: async () => undefined });
    await expect(registry.readiness()).resolves.toEqual({ status: 'ready', checks: { database: { status: 'up' } } });
  });

  it('is unavailable and names the reason when one check fails', async () => {
    const registry = new HealthRegistry();
    registry.register({ name: 'database', check: async () => undefined });
    registry.register({ name: 'broker', check: async () => Promise.reject(new Error('connection refused')) });
    const report = await registry.readiness();
    expect(report.status).toBe('unavailable');
    expect(report.checks.broker).toEqual({ status: 'down', reason: 'connection refused' });
  });

  it('refuses two checks with one name', () => {
    const registry = new HealthRegistry();
    registry.register({ name: 'database', check: async () => undefined });
    expect(() => registry.register({ name: 'database', check: async () => undefined })).toThrow(/twice/);
  });
});
