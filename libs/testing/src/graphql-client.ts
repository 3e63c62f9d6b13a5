import { http } from './http-client';

export interface GraphQLResponse<TData = Record<string, unknown>> {
  readonly data?: TData | null;
  readonly errors?: readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
}

/**
 * POSTs one operation and returns the parsed body, whatever the HTTP status. It gives up (and
 * throws) after HTTP_REQUEST_TIMEOUT_MS, as every request of `http` does.
 */
export async function graphql<TData = Record<string, any>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
  operationName?: string,
): Promise<GraphQLResponse<TData>> {
  const response = await http(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables, ...(operationName ? { operationName } : {}) }),
  });
  return response.json<GraphQLResponse<TData>>();
}
