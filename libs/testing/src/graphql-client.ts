export interface GraphQLResponse<TData = Record<string, unknown>> {
  readonly data?: TData | null;
  readonly errors?: readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** Longer than any answer of a healthy system: a test that waits this long has found a hang. */
export const GRAPHQL_REQUEST_TIMEOUT_MS = 30_000;

/**
 * POSTs one operation and returns the parsed body, whatever the HTTP status. It gives up (and
 * throws) after GRAPHQL_REQUEST_TIMEOUT_MS, so a hung service fails a test instead of stalling it.
 */
export async function graphql<TData = Record<string, any>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
  operationName?: string,
): Promise<GraphQLResponse<TData>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables, ...(operationName ? { operationName } : {}) }),
    signal: AbortSignal.timeout(GRAPHQL_REQUEST_TIMEOUT_MS),
  });
  return (await response.json()) as GraphQLResponse<TData>;
}
