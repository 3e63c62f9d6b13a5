import { type AnyEventContract, defineEvent, EVENT_CONTRACTS, OrderPlaced } from '@agora/contracts';
import { runTool } from '@agora/testing';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { CONTRACT_FILES } from '../contracts/contract-files';
import { acceptContracts, breakingChanges, compareContracts } from '../contracts/contracts.check';

const TIMEOUT_MS = 60_000;

/** The built contracts tool, as `npm run contracts:check|accept` runs it. */
const contractsTool = (args: readonly string[]) => runTool('contracts', args);

/** Replaces one contract of the catalogue, as an edit of contracts/src would. */
function withContract(changed: AnyEventContract): AnyEventContract[] {
  return EVENT_CONTRACTS.map((contract) => (contract.type === changed.type ? changed : contract));
}

function placedWith(schema: z.ZodType): AnyEventContract {
  return defineEvent({ type: OrderPlaced.type, source: OrderPlaced.source, description: OrderPlaced.description, schema });
}

describe('contract safety (npm run contracts:check and contracts:accept)', () => {
  let root: string;

  /** A copy of the files the tool reads and writes: the tests never touch the committed ones. */
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'agora-contracts-'));
    for (const file of [CONTRACT_FILES.supergraph, CONTRACT_FILES.graphBaseline, CONTRACT_FILES.eventsBaseline, CONTRACT_FILES.changelog]) {
      await cp(file, path.join(root, file), { recursive: true });
    }
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function editSupergraph(from: string, to: string): Promise<void> {
    const file = path.join(root, CONTRACT_FILES.supergraph);
    const sdl = await readFile(file, 'utf8');
    if (!sdl.includes(from)) throw new Error(`the supergraph no longer contains "${from}"; update this test`);
    await writeFile(file, sdl.replace(from, to));
  }

  const breakingPaths = async (eventContracts: readonly AnyEventContract[] = EVENT_CONTRACTS) =>
    breakingChanges((await compareContracts({ root, eventContracts })).changes).map((change) => change.path);

  it(
    'passes on the committed contracts (if this fails, see `npm run contracts:check`)',
    async () => {
      const run = await contractsTool(['check']);
      expect(run.stderr).toBe('');
      expect(run).toMatchObject({ code: 0, stdout: expect.stringMatching(/match the baseline/) });
    },
    TIMEOUT_MS,
  );

  it(
    'fails on a renamed field of an event contract, naming it',
    async () => {
      const renamed = placedWith(OrderPlaced.schema.omit({ totalCents: true }).extend({ totalAmountCents: z.number().int() }));
      expect(await breakingPaths(withContract(renamed))).toEqual([
        'orders.order.placed.v1: totalAmountCents',
        'orders.order.placed.v1: totalCents',
      ]);
    },
    TIMEOUT_MS,
  );

  it(
    'fails on a field removed from the graph, naming it, and exits non-zero',
    async () => {
      await editSupergraph('  priceCents: Int! @join__field(graph: CATALOG)\n', '');
      const run = await contractsTool(['check', '--root', root]);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/breaking +graph +Product\.priceCents — Field 'priceCents' was removed/);
      expect(run.stderr).toMatch(/1 breaking change\(s\) not acknowledged[\s\S]*npm run contracts:accept -- --reason/);
    },
    TIMEOUT_MS,
  );

  it(
    'fails on an argument made required, naming it',
    async () => {
      await editSupergraph(
        'products(first: Int = 20, after: String, search: String,',
        'products(first: Int = 20, after: String, search: String!,',
      );
      expect(await breakingPaths()).toEqual(['Query.products.search']);
    },
    TIMEOUT_MS,
  );

  it(
    'passes with a new optional field and a new type, and says how to refresh the baseline',
    async () => {
      await editSupergraph(
        '  stock: Int @join__field(graph: INVENTORY)\n',
        '  stock: Int @join__field(graph: INVENTORY)\n  restockedAt: DateTime @join__field(graph: INVENTORY)\n',
      );
      const run = await contractsTool(['check', '--root', root]);
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toMatch(/safe +graph +Product\.restockedAt/);
      expect(run.stdout).toMatch(/nothing breaking\. Refresh the baseline with `npm run contracts:accept`/);

      const shipped = defineEvent({
        type: 'orders.order.shipped.v1',
        source: '/agora/orders',
        description: '',
        schema: z.object({ orderId: z.uuid() }),
      });
      const withNote = placedWith(OrderPlaced.schema.extend({ note: z.string().optional() }));
      const eventContracts = [...withContract(withNote), shipped];
      expect(await breakingPaths(eventContracts)).toEqual([]);
      expect(await acceptContracts({ root, eventContracts }, { date: '2026-11-30' })).toMatchObject({ kind: 'refreshed' });
      expect((await compareContracts({ root, eventContracts })).changes).toEqual([]);
      const changelog = await readFile(path.join(root, CONTRACT_FILES.changelog), 'utf8');
      expect(changelog).toMatch(
        /## 2026-11-30: Compatible changes[\s\S]*`orders\.order\.placed\.v1: note`[\s\S]*`orders\.order\.shipped\.v1`/,
      );
    },
    TIMEOUT_MS,
  );

  it(
    'passes an acknowledged break, such as an output field made nullable, which the changelog records with its reason',
    async () => {
      await editSupergraph('  priceCents: Int! @join__field(graph: CATALOG)', '  priceCents: Int @join__field(graph: CATALOG)');
      expect((await contractsTool(['check', '--root', root])).stdout).toMatch(
        /breaking +graph +Product\.priceCents — Field 'Product\.priceCents' changed type from 'Int!' to 'Int'/,
      );

      const withoutReason = await contractsTool(['accept', '--root', root]);
      expect(withoutReason.code).toBe(1);
      expect(withoutReason.stderr).toMatch(/needs a reason/);

      const reason = 'A price may be unknown while it is being set';
      expect(await contractsTool(['accept', '--root', root, '--reason', reason])).toMatchObject({ code: 0 });
      expect(await contractsTool(['check', '--root', root])).toMatchObject({
        code: 0,
        stdout: expect.stringMatching(/match the baseline/),
      });
      const changelog = await readFile(path.join(root, CONTRACT_FILES.changelog), 'utf8');
      expect(changelog).toMatch(
        new RegExp(`## \\d{4}-\\d{2}-\\d{2}: ${reason}\\n\\nBreaking \\(accepted\\):\\n\\n- graph \`Product\\.priceCents\``),
      );
      expect(await readFile(path.join(root, CONTRACT_FILES.graphBaseline), 'utf8')).toMatch(/^ {2}priceCents: Int$/m);
    },
    TIMEOUT_MS,
  );
});
