import { OrderPlaced, StockReserved } from '@agora/contracts';
import { bearer, Shop, waitFor } from '@agora/testing';
import pg from 'pg';
import type { BenchSystem } from '../bench-system';
import { cpuSince, cpuSnapshot, parentPid, processNamed, type WatchedProcess } from '../process-stats';
import type { BenchSettings } from '../bench.settings';
import { failureSummary, runLoad } from '../load.runner';
import { percentile } from '../statistics';
import { PLACE_ORDER_MUTATION } from '../queries';

export interface SagaRun {
  readonly label: string;
  readonly askedRate: number;
  readonly placedRate: number;
  readonly placeP50Ms: number;
  readonly placeP99Ms: number;
  readonly settleP50Ms: number;
  readonly settleP95Ms: number;
  readonly settleP99Ms: number;
  /** Orders still PENDING when the settle deadline passed, plus failed placeOrder calls. */
  readonly unsettled: number;
  /** Why placeOrder calls failed: the first distinct reasons, with their counts. */
  readonly failureReasons: Readonly<Record<string, number>>;
  /**
   * CPU milliseconds per order placed, from the first order to the last one settled, of each
   * service and of PostgreSQL (every backend) and RabbitMQ on the same cores.
   */
  readonly cpuMsPerOrder: Readonly<Record<string, number>>;
  /** Where placed→settled went, hop by hop (see `SAGA_HOPS`). */
  readonly hops: readonly HopTiming[];
}

/** One hop of the saga: p50 and p99 over the run's settled orders, in milliseconds. */
export interface HopTiming {
  readonly hop: string;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/**
 * The saga's hops, timed from what the services write anyway: an order's `created_at`, each outbox
 * row's `sent_at` (the relay's mark, after RabbitMQ confirmed it), each inbox row's
 * `processed_at` (its transaction's start) and the order's `updated_at`. A consumer can start
 * before the relay has marked the row it publishes, so a hop after a mark can read below zero.
 */
export const SAGA_HOPS = [
  'placed → OrderPlaced marked sent',
  "→ inventory's transaction",
  '→ StockReserved marked sent',
  "→ orders' transaction",
  '→ order updated',
] as const;

export interface SagaResult {
  /** A light run, the steady run, then the saturation runs. */
  readonly runs: SagaRun[];
  /** The run at the target rate (50 orders/s). */
  readonly steady: SagaRun;
  /** The highest saturation rate placed in full with p99 placed→settled ≤ 1 s. */
  readonly sustainedRate?: number;
}

const SETTLE_TIMEOUT_MS = 60_000;
const SUSTAINED_P99_MS = 1_000;
/** A rate counts as sustained when at least this share of the asked orders were placed. */
const SUSTAINED_SHARE = 0.95;
/** Orders per second of the light run. */
const LIGHT_RATE = 5;
/** Open-rate connections: enough that one slow answer does not hold the rate back. */
const ORDERS_PER_CONNECTION_PER_SECOND = 2;

/** The saga's databases the bench reads, besides what the services do. */
interface SagaDatabases {
  readonly orders: pg.Client;
  readonly inventory: pg.Client;
}

/** Each settled reserved order's time per hop (`SAGA_HOPS`), from the orders and inventory databases. */
async function hopTimings(databases: SagaDatabases, since: Date): Promise<HopTiming[]> {
  const epochMs = (column: string) => `extract(epoch FROM ${column}) * 1000`;
  const [placed, inventoryInbox, reserved, ordersInbox] = await Promise.all([
    databases.orders.query<{ order_id: string; event_id: string; created: number; sent: number; updated: number }>(
      `SELECT o.id AS order_id, e.id AS event_id, ${epochMs('o.created_at')} AS created, ${epochMs('e.sent_at')} AS sent,
              ${epochMs('o.updated_at')} AS updated
       FROM orders o JOIN messaging_outbox e ON e.type = $2 AND e.envelope->'data'->>'orderId' = o.id::text
       WHERE o.created_at >= $1 AND o.status = 'CONFIRMED' AND e.sent_at IS NOT NULL`,
      [since, OrderPlaced.type],
    ),
    databases.inventory.query<{ event_id: string; began: number }>(
      `SELECT event_id, ${epochMs('processed_at')} AS began FROM messaging_inbox WHERE processed_at >= $1 AND type = $2`,
      [since, OrderPlaced.type],
    ),
    databases.inventory.query<{ order_id: string; event_id: string; sent: number }>(
      `SELECT envelope->'data'->>'orderId' AS order_id, id AS event_id, ${epochMs('sent_at')} AS sent
       FROM messaging_outbox WHERE recorded_at >= $1 AND type = $2 AND sent_at IS NOT NULL`,
      [since, StockReserved.type],
    ),
    databases.orders.query<{ event_id: string; began: number }>(
      `SELECT event_id, ${epochMs('processed_at')} AS began FROM messaging_inbox WHERE processed_at >= $1 AND type = $2`,
      [since, StockReserved.type],
    ),
  ]);
  const inventoryBegan = new Map(inventoryInbox.rows.map((row) => [row.event_id, Number(row.began)]));
  const reservedOf = new Map(reserved.rows.map((row) => [row.order_id, row]));
  const ordersBegan = new Map(ordersInbox.rows.map((row) => [row.event_id, Number(row.began)]));
  const samples: number[][] = SAGA_HOPS.map(() => []);
  for (const order of placed.rows) {
    const inventoryStart = inventoryBegan.get(order.event_id);
    const reply = reservedOf.get(order.order_id);
    const ordersStart = reply && ordersBegan.get(reply.event_id);
    if (inventoryStart === undefined || !reply || ordersStart === undefined) continue;
    const marks = [Number(order.created), Number(order.sent), inventoryStart, Number(reply.sent), ordersStart, Number(order.updated)];
    for (const [index, hop] of samples.entries()) hop.push(marks[index + 1]! - marks[index]!);
  }
  return SAGA_HOPS.map((hop, index) => {
    const sorted = samples[index]!.sort((a, b) => a - b);
    return { hop, p50Ms: percentile(sorted, 0.5), p99Ms: percentile(sorted, 0.99) };
  });
}

/**
 * Places orders through the gateway at an open rate (Poisson arrivals), then reads from the orders database
 * how long each took from placed (created_at) to CONFIRMED or REJECTED (updated_at, set by the
 * handler of inventory's answer): the whole saga of two event hops, timed by the system's own clock.
 */
async function sagaRun(
  agora: BenchSystem,
  databases: SagaDatabases,
  watched: readonly WatchedProcess[],
  label: string,
  rate: number,
  seconds: number,
): Promise<SagaRun> {
  const { orders } = databases;
  const { rows: clock } = await orders.query<{ now: Date }>('SELECT clock_timestamp() AS now');
  const since = clock[0]!.now;
  const cpuBefore = cpuSnapshot(watched);
  const result = await runLoad({
    url: agora.gatewayUrl,
    connections: Math.max(20, Math.ceil(rate / ORDERS_PER_CONNECTION_PER_SECOND)),
    durationSeconds: seconds,
    // Every order asked for is answered before the settle wait starts: with a duration, the load
    // generator dropped the requests in flight at its end, and their orders landed after the wait.
    amount: Math.round(rate * seconds),
    overallRate: rate,
    headers: bearer(agora.buyer.token),
    query: PLACE_ORDER_MUTATION,
    variants: agora.productIds.map((productId) => ({ input: { items: [{ productId, quantity: 1 }] } })),
  });
  const pending = () =>
    orders
      .query<{ count: string }>(`SELECT count(*) FROM orders WHERE user_id = $1 AND created_at >= $2 AND status = 'PENDING'`, [
        agora.buyer.id,
        since,
      ])
      .then(({ rows }) => Number(rows[0]!.count));
  await waitFor(async () => (await pending()) === 0, {
    timeoutMs: SETTLE_TIMEOUT_MS,
    intervalMs: 100,
    description: 'orders to settle',
  }).catch(() => undefined);
  const cpu = cpuSince(cpuBefore, watched);
  const { rows } = await orders.query<{ ms: number; status: string }>(
    `SELECT extract(epoch FROM (updated_at - created_at)) * 1000 AS ms, status FROM orders WHERE user_id = $1 AND created_at >= $2`,
    [agora.buyer.id, since],
  );
  const settled = rows
    .filter((row) => row.status !== 'PENDING')
    .map((row) => Number(row.ms))
    .sort((a, b) => a - b);
  return {
    label,
    askedRate: rate,
    // Over the time the load took: past saturation, answering every order takes longer than asked.
    placedRate: rows.length / Math.max(seconds, result.seconds),
    placeP50Ms: result.p50Ms,
    placeP99Ms: result.p99Ms,
    settleP50Ms: percentile(settled, 0.5),
    settleP95Ms: percentile(settled, 0.95),
    settleP99Ms: percentile(settled, 0.99),
    unsettled: rows.length - settled.length + result.failures,
    failureReasons: result.failureReasons,
    hops: await hopTimings(databases, since),
    cpuMsPerOrder: Object.fromEntries(Object.entries(cpu).map(([name, used]) => [name, (used * 1000) / Math.max(1, rows.length)])),
  };
}

/**
 * PostgreSQL (its postmaster, whose children are every backend) and RabbitMQ (the Erlang VM), when
 * they run on this machine: an order's work is theirs as much as the services'.
 */
async function sharedServers(client: pg.Client): Promise<WatchedProcess[]> {
  const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
  const postmaster = parentPid(rows[0]!.pid);
  const rabbitmq = processNamed('beam.smp');
  return [...(postmaster ? [{ name: 'postgresql', pid: postmaster }] : []), ...(rabbitmq ? [{ name: 'rabbitmq', pid: rabbitmq }] : [])];
}

export async function runSagaScenario(agora: BenchSystem, settings: BenchSettings, log: (line: string) => void): Promise<SagaResult> {
  // orders must know the products (catalog.product.created.v1) before it accepts orders of them.
  const shop = new Shop(agora.gatewayUrl);
  for (const productId of agora.productIds) await shop.placeOrder(agora.buyer, [{ productId, quantity: 1 }]);
  const orders = new pg.Client({ connectionString: agora.system.databaseUrl('orders') });
  const inventory = new pg.Client({ connectionString: agora.system.databaseUrl('inventory') });
  await Promise.all([orders.connect(), inventory.connect()]);
  const databases = { orders, inventory };
  try {
    const watched = [...agora.processes, ...(await sharedServers(orders))];
    await sagaRun(agora, databases, watched, 'warm-up', settings.sagaRate, 2);
    // A light rate first: the saga's latency when nothing queues, apart from what load adds to it.
    const light = await sagaRun(agora, databases, watched, `light ${LIGHT_RATE}/s`, LIGHT_RATE, settings.sagaSeconds);
    const steady = await sagaRun(agora, databases, watched, `steady ${settings.sagaRate}/s`, settings.sagaRate, settings.sagaSeconds);
    const runs = [light, steady];
    let sustainedRate: number | undefined;
    for (const rate of settings.saturationRates) {
      const run = await sagaRun(agora, databases, watched, `saturation ${rate}/s`, rate, settings.saturationSeconds);
      runs.push(run);
      const sustained = run.placedRate >= rate * SUSTAINED_SHARE && run.settleP99Ms <= SUSTAINED_P99_MS && run.unsettled === 0;
      if (sustained) sustainedRate = rate;
      if (!sustained) break;
    }
    for (const run of runs) {
      const failed = Object.values(run.failureReasons).reduce((sum, count) => sum + count, 0);
      log(
        `  saga ${run.label}: settle p50 ${run.settleP50Ms.toFixed(0)} ms, p99 ${run.settleP99Ms.toFixed(0)} ms${failureSummary({ failures: failed, failureReasons: run.failureReasons })}`,
      );
    }
    return { runs, steady, ...(sustainedRate ? { sustainedRate } : {}) };
  } finally {
    await Promise.all([orders.end(), inventory.end()]);
  }
}
