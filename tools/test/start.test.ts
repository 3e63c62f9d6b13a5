import { SUBGRAPH_CREDENTIAL_HEADER } from '@agora/auth';
import { dropDatabase, withDatabase } from '@agora/database';
import { deleteBrokerNamespace, freePort, graphql, http, TEST_DATABASE_SERVER_URL, testNamespace, waitFor } from '@agora/testing';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** `npm start` as a user runs it, with its output collected. */
function start(args: string[], env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['tools/start.mjs', ...args], {
    env: { ...process.env, ...env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

/** The processes `parent` started (npm start's services). */
async function childrenOf(parent: ChildProcess): Promise<number[]> {
  const { stdout } = await run('pgrep', ['-P', String(parent.pid)]).catch(() => ({ stdout: '' }));
  return stdout.split('\n').filter(Boolean).map(Number);
}

async function isReady(port: number): Promise<boolean> {
  return (await http(`http://127.0.0.1:${port}/health/ready`).catch(() => undefined))?.status === 200;
}

describe('npm start', () => {
  it('stops, naming the URLs it tried and hiding the password, when PostgreSQL and RabbitMQ are unreachable', async () => {
    const [pgPort, amqpPort] = [await freePort(), await freePort()];
    const { child, output } = start([], {
      DATABASE_URL: `postgres://postgres@127.0.0.1:${pgPort}`,
      RABBITMQ_URL: `amqp://guest:secret@127.0.0.1:${amqpPort}`,
    });
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(output()).toContain(`PostgreSQL at postgres://postgres@127.0.0.1:${pgPort}`);
    expect(output()).toContain(`RabbitMQ at amqp://guest:***@127.0.0.1:${amqpPort}`);
    expect(output()).not.toContain('secret');
  });

  it('refuses an unknown service name and lists the known ones', async () => {
    const { child, output } = start(['nope'], {});
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(output()).toMatch(/Unknown service nope\. Known: gateway, accounts, catalog/);
  });

  it('starts only the named service, requiring the gateway credential it keeps in tmp/, says when it is ready, and stops cleanly on Ctrl-C', async () => {
    const namespace = testNamespace();
    const databaseUrl = withDatabase(TEST_DATABASE_SERVER_URL, `${namespace}_catalog`);
    const port = await freePort();
    const { child, output } = start(['catalog'], {
      CATALOG_PORT: String(port),
      DATABASE_URL: databaseUrl,
      BROKER_NAMESPACE: namespace,
      SUBGRAPH_SECRET: '',
    });
    try {
      await waitFor(() => output().includes(`ready: catalog on :${port}`), {
        timeoutMs: 60_000,
        description: 'npm start to report catalog ready',
      });
      expect((await http(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200);
      // It gave the service the gateway's credential, kept where the next `npm start` finds it.
      const secret = (await readFile('tmp/subgraph-secret', 'utf8')).trim();
      const url = `http://127.0.0.1:${port}/graphql`;
      expect((await graphql(url, '{ __typename }')).errors?.[0]?.extensions?.code).toBe('GATEWAY_CREDENTIAL_REQUIRED');
      expect(await graphql(url, '{ __typename }', {}, { [SUBGRAPH_CREDENTIAL_HEADER]: secret })).toEqual({ data: { __typename: 'Query' } });
      child.kill('SIGINT');
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
      expect(output()).toMatch(/catalog\s+\| .*catalog is ready/);
      expect(output()).toContain('stopped.');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await dropDatabase(databaseUrl);
      await deleteBrokerNamespace(namespace, ['catalog']);
    }
  }, 90_000);

  it('starts a service again by itself when it dies, and says so', async () => {
    const namespace = testNamespace();
    const databaseUrl = withDatabase(TEST_DATABASE_SERVER_URL, `${namespace}_catalog`);
    const port = await freePort();
    const { child, output } = start(['catalog'], { CATALOG_PORT: String(port), DATABASE_URL: databaseUrl, BROKER_NAMESPACE: namespace });
    try {
      await waitFor(() => output().includes(`ready: catalog on :${port}`), {
        timeoutMs: 60_000,
        description: 'npm start to report catalog ready',
      });
      const [catalog] = await childrenOf(child);
      expect(catalog).toBeDefined();
      process.kill(catalog!, 'SIGKILL');

      await waitFor(() => output().includes('catalog exited (SIGKILL); restarting it in 1 s (crash 1 in a row).'), {
        description: 'npm start to report the crash',
      });
      await waitFor(() => /catalog restarted \(pid \d+\)/.test(output()), { description: 'npm start to restart catalog' });
      await waitFor(() => isReady(port), { timeoutMs: 60_000, description: 'the restarted catalog to be ready' });
      expect(await childrenOf(child)).not.toContain(catalog);

      child.kill('SIGINT');
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) {
        for (const service of await childrenOf(child)) process.kill(service, 'SIGKILL');
        child.kill('SIGKILL');
      }
      await dropDatabase(databaseUrl);
      await deleteBrokerNamespace(namespace, ['catalog']);
    }
  }, 120_000);
});
