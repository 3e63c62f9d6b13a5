import { type EventEnvelope, UserRegistered, uuidv7 } from '@agora/contracts';
import { TestBroker, TestSystem, waitFor } from '@agora/testing';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

describe('npm run dlq', () => {
  const system = new TestSystem({ subgraphs: ['notifications'], gateway: false });
  let broker: TestBroker;

  /** The CLI as an operator runs it, against this test's broker namespace. */
  const dlq = async (...args: string[]): Promise<string> =>
    (await run(process.execPath, ['dist/tools/dlq/dlq.js', ...args], { env: { ...process.env, BROKER_NAMESPACE: system.namespace } }))
      .stdout;

  beforeAll(async () => {
    await system.start();
    broker = await TestBroker.connect(system.namespace);
  }, 90_000);

  afterAll(async () => {
    await broker?.close();
    await system.stop();
  }, 60_000);

  it('lists a parked message with its reason, and purges it', async () => {
    const id = uuidv7();
    // Schema-invalid (no userId): the consumer parks it at once, without retries.
    const invalid = {
      specversion: '1.0',
      id,
      type: UserRegistered.type,
      source: UserRegistered.source,
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      correlationid: id,
      data: { email: 'x@example.com', name: 'X', role: 'CUSTOMER', registeredAt: new Date().toISOString() },
    };
    await broker.publish([invalid as unknown as EventEnvelope]);
    await waitFor(async () => (await broker.parked('notifications')) === 1, { description: 'the invalid event to be parked' });

    const listed = await dlq('list', 'notifications');
    expect(listed).toContain(id);
    expect(listed).toContain(UserRegistered.type);
    expect(listed).toMatch(/reason:\s+\S+/);
    expect(listed).toContain(`1 parked message(s) in ${system.namespace}.notifications.dlq`);

    expect(await dlq('purge', 'notifications')).toContain('purged 1 message(s)');
    expect(await dlq('list', 'notifications')).toContain('is empty');
  });

  it('explains its usage when the command is wrong', async () => {
    await expect(dlq('frobnicate', 'notifications')).rejects.toMatchObject({
      stderr: expect.stringContaining('usage: npm run dlq -- list|replay|purge'),
    });
  });
});
