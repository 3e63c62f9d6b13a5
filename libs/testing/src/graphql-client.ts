export interface GraphQLResponse<TData = Record<string, unknown>> {
  readonly data?: TData | null;
  readonly errors?: readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** How long a test waits for one GraphQL answer. */
export const GRAPHQL_TIMEOUT_MS = 30_000;

/** POSTs one operation and returns the parsed body, whatever the HTTP status; fails after `GRAPHQL_TIMEOUT_MS`. */
export async function graphql<TData = Record<string, any>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<TData>> {
  const response = await fetch(url, {
    signal: AbortSignal.timeout(GRAPHQL_TIMEOUT_MS),
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<TData>;
}
