import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { serviceEntryPoint } from '@agora/config';

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

/** The file a service runs from, as `npm run build` writes it (its one-file bundle). */
export function entryPoint(service: ServiceEntry, root = process.cwd()): string {
  return serviceEntryPoint(root, service.name);
}
