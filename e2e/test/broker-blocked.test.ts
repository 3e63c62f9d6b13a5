import { http, Shop, TestSystem, waitFor } from '@agora/testing';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The broker's memory high watermark as `rabbitmqctl status` reports it (relative), to restore it. */
async function currentWatermark(): Promise<string> {
  const { stdout } = await run('rabbitmqctl', ['status'], { timeout: 60_000 });
  return /Memory high watermark setting: ([0-9.]+) of available memory/.exec(stdout)?.[1] ?? '0.4';
}

async function setWatermark(value: string): Promise<void> {
  await run('rabbitmqctl', ['set_vm_memory_high_watermark', value], { timeout: 60_000 });
}

interface Readiness {
  status: string;
  checks: Record<string, { status: string; reason?: string }>;
}

describe('a service whose broker raises a memory alarm', () => {
  const system = new TestSystem({ subgraphs: ['accounts'], gateway: true });
  let watermark: string;

  const readiness = async (): Promise<Readiness> => (await http(`${system.subgraph('accounts').url}/health/ready`)).json<Readiness>();
  const published = async (): Promise<number> => {
    const metrics = (await http(`${system.subgraph('accounts').url}/metrics`)).body;
    return Number(/^agora_events_published_total (\d+)/m.exec(metrics)?.[1] ?? 0);
  };

  beforeAll(async () => {
    watermark = await currentWatermark();
    await system.start();
  }, 90_000);

  afterAll(async () => {
    await setWatermark(watermark); // whatever happened, the broker takes messages again
    await system.stop();
  }, 90_000);

  it('reports the broker blocked in readiness, keeps its events, and publishes them when the alarm clears', async () => {
    // A tiny watermark raises the memory alarm at once: RabbitMQ blocks connections that publish.
    await setWatermark('0.0000001');
    try {
      await new Shop(system.gatewayUrl).signUp('blocked@example.com'); // the state change commits; its event waits in the outbox
      const blocked = await waitFor(
        async () => {
          const report = await readiness();
          return report.checks.broker?.status === 'down' ? report : undefined;
        },
        { timeoutMs: 30_000, description: 'readiness to show the broker blocked' },
      );
      expect(blocked.status).toBe('unavailable');
      expect(blocked.checks.broker?.reason).toMatch(/blocked/i);
      expect(await published()).toBe(0);
    } finally {
      await setWatermark(watermark);
    }
    await waitFor(async () => (await readiness()).status === 'ready', { timeoutMs: 30_000, description: 'readiness to recover' });
    await waitFor(async () => (await published()) === 1, { timeoutMs: 30_000, description: 'the held event to be published' });
  }, 120_000);
});
