import { type SubgraphFetcher, toResponse } from './in-flight-dedup.fetcher';

interface GraphQLBody {
  query?: unknown;
  variables?: { representations?: unknown } & Record<string, unknown>;
  [key: string]: unknown;
}

interface GraphQLAnswer {
  data?: { _entities?: unknown } & Record<string, unknown>;
  errors?: { path?: unknown[] }[];
  [key: string]: unknown;
}

/** The distinct representations, in first-seen order, and where each original one went. */
export function distinctRepresentations(representations: readonly unknown[]): { distinct: unknown[]; positions: number[] } {
  const seen = new Map<string, number>();
  const distinct: unknown[] = [];
  const positions = representations.map((representation) => {
    const key = JSON.stringify(representation);
    let position = seen.get(key);
    if (position === undefined) {
      position = distinct.length;
      seen.set(key, position);
      distinct.push(representation);
    }
    return position;
  });
  return { distinct, positions };
}

/**
 * The subgraph's answer to the distinct representations, laid out again for the original ones:
 * each `_entities` item copied to every position that asked for it, and each error under
 * `_entities.<i>` repeated for every such position. Undefined when the answer is not one to expand.
 */
export function expandAnswer(answer: GraphQLAnswer, positions: readonly number[], distinctCount: number): GraphQLAnswer | undefined {
  const entities = answer.data?._entities;
  if (!Array.isArray(entities) || entities.length !== distinctCount) return undefined;
  const originalsOf = new Map<number, number[]>();
  positions.forEach((position, original) => originalsOf.set(position, [...(originalsOf.get(position) ?? []), original]));
  const errors = answer.errors?.flatMap((error) => {
    const [root, index, ...rest] = error.path ?? [];
    if (root !== '_entities' || typeof index !== 'number') return [error];
    return (originalsOf.get(index) ?? []).map((original) => ({ ...error, path: ['_entities', original, ...rest] }));
  });
  return {
    ...answer,
    data: { ...answer.data, _entities: positions.map((position) => entities[position]) },
    ...(errors ? { errors } : {}),
  };
}

/**
 * Wraps a subgraph fetcher so that an `_entities` call sends each distinct representation once.
 * Apollo Gateway asks for an entity as many times as it appears in the result (the same product
 * under 25 reviews is 25 representations); the subgraph resolves each one, so a deep query costs
 * it several times the work. The answer is expanded back before the gateway reads it, so nothing
 * else changes. Only documents of queries are touched (`isQueryOnly`).
 */
export function dedupeRepresentations(fetcher: SubgraphFetcher, isQueryOnly: (query: string) => boolean): SubgraphFetcher {
  return async (url, init) => {
    if (!init || typeof init.body !== 'string' || !init.body.includes('"representations"')) return fetcher(url, init);
    let body: GraphQLBody;
    try {
      body = JSON.parse(init.body) as GraphQLBody;
    } catch {
      return fetcher(url, init);
    }
    const representations = body.variables?.representations;
    if (!Array.isArray(representations) || typeof body.query !== 'string' || !isQueryOnly(body.query)) return fetcher(url, init);
    const { distinct, positions } = distinctRepresentations(representations);
    if (distinct.length === representations.length) return fetcher(url, init);
    const response = await fetcher(url, {
      ...init,
      body: JSON.stringify({ ...body, variables: { ...body.variables, representations: distinct } }),
    });
    if (!response.ok || !response.headers.get('content-type')?.includes('json')) return response;
    const text = await response.text();
    let expanded: GraphQLAnswer | undefined;
    try {
      expanded = expandAnswer(JSON.parse(text) as GraphQLAnswer, positions, distinct.length);
    } catch {
      expanded = undefined;
    }
    return toResponse({
      url: response.url,
      status: response.status,
      statusText: response.statusText,
      headers: [...response.headers],
      body: expanded ? JSON.stringify(expanded) : text,
    });
  };
}
