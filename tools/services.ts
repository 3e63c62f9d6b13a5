import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** One deployable app of Agora, as listed in tools/services.json. */
export interface ServiceEntry {
  readonly name: string;
  readonly port: number;
  readonly kind: 'gateway' | 'subgraph';
}

/** The apps of Agora with their default ports, read from the one list every tool shares. */
export function listServices(root = process.cwd()): ServiceEntry[] {
  const file = path.join(root, 'tools/services.json');
  const entries = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Omit<ServiceEntry, 'name'>>;
  return Object.entries(entries).map(([name, entry]) => ({ name, ...entry }));
}

export function listSubgraphs(root = process.cwd()): ServiceEntry[] {
  return listServices(root).filter((service) => service.kind === 'subgraph' && existsSync(path.join(root, 'subgraphs', service.name)));
}

/** The compiled entry point of a service, as `npm run build` writes it. */
export function entryPoint(service: ServiceEntry, root = process.cwd()): string {
  const folder = service.kind === 'gateway' ? 'gateway' : path.join('subgraphs', service.name);
  return path.join(root, 'dist', folder, 'src/main.js');
}
