import { UUID_PATTERN } from '@agora/contracts';
import DataLoader from 'dataloader';

/** Loaders live as long as the request object they are keyed on, so nothing is cached across requests. */
const loadersByRequest = new WeakMap<object, Map<string, DataLoader<unknown, unknown>>>();

/**
 * The per-request DataLoader named `name`: every `load(key)` made while one GraphQL request
 * resolves (including one `_entities` call with many representations) is batched into one call
 * of `batch`, so N entities cost one SQL statement. `batch` returns a map; keys it lacks load as null.
 */
export function requestLoader<Key, Value>(
  request: object,
  name: string,
  batch: (keys: readonly Key[]) => Promise<ReadonlyMap<Key, Value>>,
): DataLoader<Key, Value | null> {
  let loaders = loadersByRequest.get(request);
  if (!loaders) {
    loaders = new Map();
    loadersByRequest.set(request, loaders);
  }
  let loader = loaders.get(name) as DataLoader<Key, Value | null> | undefined;
  if (!loader) {
    loader = new DataLoader<Key, Value | null>(async (keys) => {
      const found = await batch(keys);
      return keys.map((key) => found.get(key) ?? null);
    });
    loaders.set(name, loader as DataLoader<unknown, unknown>);
  }
  return loader;
}

/**
 * `requestLoader(request, name, batch).load(id)` for rows keyed by UUID. An id that is not a UUID
 * (every Agora id is one, and a client may send anything) loads as null without reaching the
 * database, where it would fail the whole batch's `uuid` comparison.
 */
export function loadById<Value>(
  request: object,
  name: string,
  batch: (ids: readonly string[]) => Promise<ReadonlyMap<string, Value>>,
  id: string,
): Promise<Value | null> {
  if (!UUID_PATTERN.test(id)) return Promise.resolve(null);
  return requestLoader(request, name, batch).load(id);
}
