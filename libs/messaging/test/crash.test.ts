import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { OrderPlaced } from '@agora/contracts';
import { waitFor } from '@agora/polling';
import { EffectsHandler } from './support/effects.handler';
import { RABBITMQ_URL, TestEnvironment } from './support/harness';
import { behaviourProvider, orderPlaced } from './support/payloads';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = fileURLToPath(new URL('./fixtures/crash-consumer.mjs', import.meta.url));

function waitForLine(child: ChildProcess, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.split('\n').includes(line)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the fixture exited (${code}) before printing ${line}`)));
  });
}

describe('a consumer killed between commit and ack', () => {
  const env = new TestEnvironment();
  let child: ChildProcess | undefined;
  beforeAll(async () => {
    // The fixture runs the kit as built, so build it first (incremental: fast when up to date).
    await promisify(execFile)(process.execPath, ['tools/build.mjs'], { cwd: root, timeout: 120_000 });
  }, 150_000);
  afterAll(async () => {
    child?.kill('SIGKILL');
    await env.cleanup();
  }, 60_000);

  it('applies the redelivered event once', async () => {
    const producer = await env.start({ service: 'orders', databaseUrl: await env.database() });
    const databaseUrl = await env.database();
    child = spawn(process.execPath, [fixture, databaseUrl, RABBITMQ_URL, env.namespace], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await waitForLine(child, 'READY');

    const committed = waitForLine(child, 'COMMITTED');
    const [eventId] = await producer.record(OrderPlaced, [orderPlaced()]);
    await committed;
    child.kill('SIGKILL');

    const replica = await env.start({
      service: 'inventory',
      databaseUrl,
      handlers: EffectsHandler,
      providers: behaviourProvider().providers,
    });
    await waitFor(() => replica.runtime.server.stats.duplicate === 1, { description: 'the redelivery is settled', timeoutMs: 30_000 });
    const effects = await replica.effects();
    expect(effects.map((effect) => [effect.eventId, effect.instance])).toEqual([[eventId, 'crashing']]);
    expect(replica.runtime.server.stats.handled).toBe(0);
  }, 60_000);
});
