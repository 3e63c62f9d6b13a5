import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

describe('npm run compose', () => {
  it('composes the subgraphs without errors into the committed supergraph (run `npm run compose` if this fails)', async () => {
    const { stdout } = await run(process.execPath, ['dist/tools/compose/compose.js', '--check'], { maxBuffer: 16 * 1024 * 1024 });
    expect(stdout).toMatch(/files up to date/);
  }, 60_000);
});
