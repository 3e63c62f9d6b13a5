import { JWKS_PATH } from '@agora/auth';
import { ADMIN_EMAIL, freePort, ServiceProcess, Shop, type Shopper, TestSystem, waitFor } from '@agora/testing';
import { pssBytes, rssBytes, type WatchedProcess } from './process-stats';

/** The seeded shop: the deep query reads 12 products, each reviewed by every reviewer. */
export const PRODUCT_COUNT = 12;
export const REVIEWER_COUNT = 24;
/** Stock per product: enough for every order the saga scenario places. */
const STOCK_PER_PRODUCT = 100_000;
/** Seeding calls in flight at once. */
const SEED_CONCURRENCY = 8;
const SEED_WAIT_MS = 60_000;
/** Measured as deployed (the Dockerfile's NODE_ENV): graphql-js, for one, skips its development checks. */
export const BENCH_NODE_ENV = 'production';
/**
 * Production as deployed, but: rate limits off (the bench's load comes from one address), its seed
 * admin named (production has no default admin), and tokens that outlive a whole run.
 */
const BENCH_ENV = {
  RATE_LIMIT: 'off',
  LOGIN_RATE_LIMIT: 'off',
  SIGNUP_RATE_LIMIT: 'off',
  ADMIN_EMAILS: ADMIN_EMAIL,
  TOKEN_TTL_SECONDS: '3600',
};
/** Services finish their start-up work (first relay poll, consumers attached) before memory is read. */
const SETTLE_BEFORE_RSS_MS = 2_000;

/** Agora as the bench runs it: real service processes in their own test namespace, seeded. */
export interface BenchSystem {
  readonly system: TestSystem;
  readonly gatewayUrl: string;
  /** Milliseconds from spawning the services to every one answering its readiness check. */
  readonly readyMs: number;
  readonly productIds: readonly string[];
  readonly buyer: Shopper;
  /** Every Agora service process, by service name. */
  readonly processes: readonly WatchedProcess[];
  /** Resident memory of each service once ready, before any traffic, in bytes. */
  readonly readyRss: Readonly<Record<string, number>>;
  /** The same moment's proportional set size (shared pages divided among their sharers), in bytes. */
  readonly readyPss: Readonly<Record<string, number>>;
}

const SUBGRAPHS = ['accounts', 'catalog', 'inventory', 'orders', 'reviews', 'notifications'] as const;

/** Runs `work` over `items`, at most `limit` at a time. */
async function inBatches<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += limit) {
    await Promise.all(items.slice(start, start + limit).map((item, offset) => work(item, start + offset)));
  }
}

export const SUBGRAPH_NAMES = SUBGRAPHS;

/** `subgraphEnv` adds environment per subgraph (e.g. NODE_OPTIONS for a profiler). */
export async function startBenchSystem(
  log: (line: string) => void,
  subgraphEnv: Readonly<Record<string, Readonly<Record<string, string>>>> = {},
): Promise<BenchSystem> {
  const system = new TestSystem({ subgraphs: SUBGRAPHS, subgraphEnv, production: true, env: BENCH_ENV });
  const started = performance.now();
  try {
    await system.start();
  } catch (error) {
    await system.stop();
    throw error;
  }
  const readyMs = performance.now() - started;
  log(`agora ready in ${(readyMs / 1000).toFixed(1)} s (namespace ${system.namespace})`);
  const processes = [
    { name: 'gateway', pid: system.gateway!.pid! },
    ...SUBGRAPHS.map((name) => ({ name, pid: system.subgraph(name).pid! })),
  ];
  await new Promise((resolve) => setTimeout(resolve, SETTLE_BEFORE_RSS_MS));
  const readyRss = Object.fromEntries(processes.map((process) => [process.name, rssBytes(process.pid)]));
  const readyPss = Object.fromEntries(processes.map((process) => [process.name, pssBytes(process.pid)]));
  // A seed that fails must not leave the services running.
  const seeded = await seedShop(system, log).catch(async (error: unknown) => {
    await system.stop();
    throw error;
  });
  return { system, gatewayUrl: system.gatewayUrl, readyMs, ...seeded, processes, readyRss, readyPss };
}

/** The bench's shop, through the public API: products with stock, reviewers who review every product, a buyer. */
async function seedShop(system: TestSystem, log: (line: string) => void): Promise<{ productIds: string[]; buyer: Shopper }> {
  const shop = new Shop(system.gatewayUrl);
  const admin = await shop.signUp(ADMIN_EMAIL, 'Bench Admin');
  const productIds: string[] = [];
  for (let index = 0; index < PRODUCT_COUNT; index += 1)
    productIds.push(await shop.createProduct(admin, `Bench product ${index + 1}`, 1000 + index * 100));
  await inBatches(productIds, SEED_CONCURRENCY, async (id) => void (await shop.restock(admin, id, STOCK_PER_PRODUCT)));
  const reviewers = Array.from({ length: REVIEWER_COUNT }, (_, index) => index);
  await inBatches(reviewers, SEED_CONCURRENCY, async (index) => {
    const reviewer = await shop.signUp(`reviewer-${index}@bench.example`, `Reviewer ${index}`);
    for (const [position, productId] of productIds.entries()) {
      await waitFor(
        async () => {
          const response = await shop.call(
            'mutation ($input: PostReviewInput!) { postReview(input: $input) { id } }',
            { input: { productId, rating: 1 + ((index + position) % 5), body: `Review ${index}/${position}: ${'fine '.repeat(8)}` } },
            reviewer,
          );
          if (response.errors) throw new Error(JSON.stringify(response.errors));
          return true;
        },
        { timeoutMs: SEED_WAIT_MS, intervalMs: 200, description: `reviews to accept a review of ${productId}` },
      );
    }
  });
  const buyer = await shop.signUp('buyer@bench.example', 'Bench Buyer');
  log(`seeded ${PRODUCT_COUNT} products, ${PRODUCT_COUNT * REVIEWER_COUNT} reviews, 1 buyer`);
  return { productIds, buyer };
}

/** What a variant gateway changes besides its environment. */
export interface VariantOptions {
  /** Load telemetry before it, as deployed (default true); see `StartServiceOptions.telemetry`. */
  readonly telemetry?: boolean;
  /** Subgraph processes it calls instead of the bench system's own, by name (e.g. a catalog replica). */
  readonly subgraphs?: Readonly<Record<string, ServiceProcess>>;
  /** Another checkout whose build of the gateway runs instead (an A/B of two builds). */
  readonly root?: string;
  /** Extra Node options (e.g. a profiler's). */
  readonly nodeArguments?: readonly string[];
}

/**
 * A second Agora gateway over the same subgraphs with some settings changed (e.g.
 * SUBGRAPH_DEDUPLICATION=false), so an optimisation is measured against its absence in the same run;
 * `options.root` runs another checkout's build of the gateway instead (an A/B of two builds).
 */
export async function startVariantGateway(
  agora: BenchSystem,
  env: Readonly<Record<string, string>>,
  options: VariantOptions = {},
): Promise<ServiceProcess> {
  const subgraphs = new Map([...agora.system.subgraphs, ...Object.entries(options.subgraphs ?? {})]);
  const urls = Object.fromEntries(
    [...subgraphs.entries()].map(([name, service]) => [`SUBGRAPH_${name.toUpperCase()}_URL`, service.graphqlUrl]),
  );
  const gateway = new ServiceProcess({
    folder: 'gateway',
    port: await freePort(),
    telemetry: options.telemetry ?? true,
    ...(options.root ? { root: options.root } : {}),
    ...(options.nodeArguments ? { nodeArguments: options.nodeArguments } : {}),
    env: {
      NODE_ENV: BENCH_NODE_ENV,
      SUBGRAPH_SECRET: agora.system.subgraphSecret,
      ...BENCH_ENV,
      ...urls,
      BROKER_NAMESPACE: agora.system.namespace,
      JWKS_URL: `${agora.system.subgraph('accounts').url}${JWKS_PATH}`,
      LOG_LEVEL: 'warn',
      ...env,
    },
  });
  // A gateway that never got ready must not outlive the run.
  return gateway.start().catch(async (error: unknown) => {
    await gateway.stop();
    throw error;
  });
}
