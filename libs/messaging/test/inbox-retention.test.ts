import { buildEnvelope, OrderPlaced } from '@agora/contracts';
import { waitFor } from '@agora/polling';
import { sql } from 'drizzle-orm';
import { listDeadLetters, replayDeadLetters, topologyNames } from '../src';
import { EffectsHandler } from './support/effects.handler';
import { RABBITMQ_URL, TEST_RETRY_DELAYS_MS, TestEnvironment } from './support/harness';
import { behaviourProvider, orderPlaced } from './support/payloads';
import { publishRaw } from './support/raw-publish';

const HOUR_MS = 60 * 60 * 1_000;

describe('inbox retention', () => {
  const env = new TestEnvironment();
  afterAll(() => env.cleanup(), 60_000);

  it('prunes the ids of applied events once they are older than the retention', async () => {
    const producer = await env.start({ service: 'orders', databaseUrl: await env.database() });
    const inventory = await env.start({
      service: 'inventory',
      databaseUrl: await env.database(),
      handlers: EffectsHandler,
      providers: behaviourProvider().providers,
      messaging: { consumer: { retryDelaysMs: TEST_RETRY_DELAYS_MS, inboxRetentionMs: 1_000, inboxPruneIntervalMs: 200 } },
    });
    const inboxRows = async () =>
      ((await inventory.db.execute(sql`SELECT count(*)::int AS n FROM messaging_inbox`)).rows[0] as { n: number }).n;

    await producer.record(
      OrderPlaced,
      Array.from({ length: 20 }, () => orderPlaced()),
    );
    await waitFor(async () => (await inventory.effects()).length === 20, { description: 'all 20 are applied' });
    await waitFor(async () => (await inboxRows()) === 0, { description: 'their inbox rows are pruned' });
    expect(await inventory.effects()).toHaveLength(20);
  }, 60_000);

  it('refuses to replay a parked event recorded longer ago than the inbox retention, and replays a recent one', async () => {
    const { behaviour, providers } = behaviourProvider();
    behaviour.failWith = 'the warehouse is closed';
    const shipping = await env.start({ service: 'shipping', databaseUrl: await env.database(), handlers: EffectsHandler, providers });
    const target = { url: RABBITMQ_URL, namespace: env.namespace, service: 'shipping' };
    const old = { ...buildEnvelope(OrderPlaced, orderPlaced()), time: new Date(Date.now() - 2 * HOUR_MS).toISOString() };
    const recent = buildEnvelope(OrderPlaced, orderPlaced());

    await publishRaw({ queue: topologyNames(env.namespace, 'shipping').queue }, [old, recent]);
    await waitFor(async () => (await listDeadLetters(target)).length === 2, { description: 'both are parked' });
    behaviour.failWith = undefined;

    const { replayed, refused } = await replayDeadLetters(target, { inboxRetentionMs: HOUR_MS });
    expect(replayed.map((letter) => letter.eventId)).toEqual([recent.id]);
    expect(refused).toEqual([expect.objectContaining({ eventId: old.id, recordedAt: old.time })]);
    await waitFor(async () => (await shipping.effects()).length === 1, { description: 'the recent one is applied' });
    expect((await shipping.effects())[0]!.eventId).toBe(recent.id);
    expect((await listDeadLetters(target)).map((letter) => letter.eventId)).toEqual([old.id]);
  }, 60_000);
});
