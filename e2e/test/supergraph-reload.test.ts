import { graphql, http, TestSystem, waitFor } from '@agora/testing';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A supergraph composed of the catalog subgraph alone, from its committed SDL. */
async function catalogOnlySupergraph(): Promise<string> {
  const sdl = await readFile('gateway/schemas/catalog.graphql', 'utf8');
  const result = composeServices([{ name: 'catalog', url: 'http://localhost:4002/graphql', typeDefs: parse(sdl) }]);
  if (result.errors) throw new Error(result.errors.map((error) => error.message).join('\n'));
  return result.supergraphSdl;
}

describe('the gateway and its supergraph file', () => {
  let folder: string;
  let supergraphPath: string;
  let system: TestSystem;

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'agora-supergraph-'));
    supergraphPath = path.join(folder, 'supergraph.graphql');
    await writeFile(supergraphPath, await catalogOnlySupergraph());
    system = await new TestSystem({ subgraphs: ['catalog', 'inventory'], gatewayEnv: { SUPERGRAPH_PATH: supergraphPath } }).start();
  }, 90_000);

  afterAll(async () => {
    await system?.stop();
    await rm(folder, { recursive: true, force: true });
  }, 60_000);

  it('serves the new supergraph after the file is replaced, without a restart', async () => {
    const before = await graphql(system.gatewayUrl, '{ product(id: "x") { stock } }');
    expect(before.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    // Written the way editors and tools do: a temporary file renamed over the old one.
    await writeFile(`${supergraphPath}.tmp`, await readFile('gateway/supergraph.graphql', 'utf8'));
    await rename(`${supergraphPath}.tmp`, supergraphPath);

    const after = await waitFor(async () => {
      const response = await graphql(system.gatewayUrl, '{ product(id: "x") { stock } }');
      return response.errors ? undefined : response;
    });
    expect(after).toEqual({ data: { product: null } });
  }, 60_000);

  it('keeps the last good supergraph when the file is broken', async () => {
    await writeFile(supergraphPath, 'this is not a supergraph');
    await waitFor(() => system.gateway!.logs.some((line) => line.includes('new supergraph rejected')), {
      description: 'the gateway to reject the broken supergraph',
    });
    const response = await graphql(system.gatewayUrl, '{ product(id: "x") { stock } }');
    expect(response).toEqual({ data: { product: null } });
    expect((await http(`${system.gateway!.url}/health/ready`)).status).toBe(200);
  });
});
