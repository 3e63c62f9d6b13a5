import { http, TestSystem, waitFor } from '@agora/testing';

const MIB = 1024 * 1024;
/**
 * Held, it rests at 2–4 MiB (one more doubling allowed for start-up work after listening); V8
 * alone grows it to 32 MiB while the modules load.
 */
const AT_REST = 8 * MIB;

/** The young generation's committed size, as the service reports it at /metrics. */
async function youngGenerationBytes(url: string): Promise<number> {
  const metrics = (await http(`${url}/metrics`)).body;
  const line = /^nodejs_heap_space_size_total_bytes\{space="new"\} (\d+)/m.exec(metrics);
  if (!line) throw new Error('no nodejs_heap_space_size_total_bytes{space="new"} at /metrics');
  return Number(line[1]);
}

describe("a service's young generation", () => {
  const system = new TestSystem({ subgraphs: ['catalog'], gateway: false });

  beforeAll(() => system.start(), 90_000);
  afterAll(() => system.stop(), 60_000);

  it('stays small while the service loads and rests, and grows once traffic needs it', async () => {
    const { url } = system.subgraph('catalog');
    // V8 alone grows it to 32 MiB while the modules load; held, it is still at its first size.
    expect(await youngGenerationBytes(url)).toBeLessThanOrEqual(AT_REST);
    // Released once the service listens: traffic makes V8 grow it again.
    const grown = await waitFor(
      async () => {
        await Promise.all(Array.from({ length: 20 }, () => http(`${url}/metrics`)));
        const bytes = await youngGenerationBytes(url);
        return bytes > AT_REST && bytes;
      },
      { timeoutMs: 60_000, intervalMs: 0, description: 'the young generation to grow under traffic' },
    );
    expect(grown).toBeGreaterThan(AT_REST);
  }, 90_000);
});
