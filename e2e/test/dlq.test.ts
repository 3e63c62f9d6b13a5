import { buildEnvelope, type EventEnvelope, UserRegistered, uuidv7 } from '@agora/contracts';
import { HEADERS, ParkReason, topologyNames } from '@agora/messaging';
import { runTool, TEST_RABBITMQ_URL, TestBroker, TestSystem, waitFor } from '@agora/testing';
import amqp from 'amqplib';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { Pool } from 'pg';
import { notifications } from '../../subgraphs/notifications/src/db/schema';

/** Each test starts the command as a process a few times: more than jest's default 5 s on a busy machine. */
const TOOL_TEST_TIMEOUT_MS = 60_000;

describe('npm run dlq', () => {
  const system = new TestSystem({ subgraphs: ['notifications'], gateway: false });
  let broker: TestBroker;

  /** The CLI as an operator runs it, against this test's broker namespace; what it printed, when it succeeded. */
  const dlq = async (...args: string[]): Promise<string> => {
    const result = await runTool('dlq', args, { BROKER_NAMESPACE: system.namespace });
    if (result.code !== 0) throw new Error(`dlq ${args.join(' ')} exited with ${result.code}: ${result.stderr}`);
    return result.stdout;
  };

  beforeAll(async () => {
    await system.start();
    broker = await TestBroker.connect(system.namespace);
  }, 90_000);

  afterAll(async () => {
    await broker?.close();
    await system.stop();
  }, 60_000);

  it(
    'lists a parked message with its reason, and purges it',
    async () => {
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
    },
    TOOL_TEST_TIMEOUT_MS,
  );

  it(
    'replays a parked event through the normal path once the cause is fixed',
    async () => {
      // As the consumer parks a message whose handler kept failing: the event, with the park headers.
      const userId = uuidv7();
      const event = buildEnvelope(UserRegistered, {
        userId,
        email: 'late@example.com',
        name: 'Late',
        role: 'CUSTOMER',
        registeredAt: new Date().toISOString(),
      });
      const connection = await amqp.connect(TEST_RABBITMQ_URL);
      try {
        const channel = await connection.createConfirmChannel();
        channel.sendToQueue(topologyNames(system.namespace, 'notifications').deadLetterQueue, Buffer.from(JSON.stringify(event)), {
          persistent: true,
          messageId: event.id,
          type: event.type,
          headers: {
            [HEADERS.attempt]: 4,
            [HEADERS.error]: 'database was read-only',
            [HEADERS.originalRoutingKey]: event.type,
            [HEADERS.parkReason]: ParkReason.RetriesExhausted,
            [HEADERS.parkedAt]: new Date().toISOString(),
          },
        });
        await channel.waitForConfirms();
        await channel.close();
      } finally {
        await connection.close();
      }

      expect(await dlq('list', 'notifications')).toContain('database was read-only');
      expect(await dlq('replay', 'notifications', '--id', event.id)).toContain(`replayed ${event.id}`);

      const pool = new Pool({ connectionString: system.databaseUrl('notifications'), max: 1 });
      try {
        const welcome = await waitFor(
          async () => {
            const [row] = await drizzle(pool).select().from(notifications).where(eq(notifications.userId, userId));
            return row;
          },
          { description: 'the replayed event to be applied' },
        );
        expect(welcome.kind).toBe('WELCOME');
      } finally {
        await pool.end();
      }
      expect(await dlq('list', 'notifications')).toContain('is empty');
    },
    TOOL_TEST_TIMEOUT_MS,
  );

  it(
    'explains its usage when the command is wrong',
    async () => {
      expect(await runTool('dlq', ['frobnicate', 'notifications'], { BROKER_NAMESPACE: system.namespace })).toMatchObject({
        code: 1,
        stderr: expect.stringContaining('usage: npm run dlq -- list|replay|purge'),
      });
    },
    TOOL_TEST_TIMEOUT_MS,
  );
});
