/** Longer than any answer of a healthy system: a test that waits this long has found a hang. */
export const HTTP_REQUEST_TIMEOUT_MS = 30_000;

/** An answer read in full: its status, headers and body. */
export interface HttpResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
  /** The body parsed as JSON. */
  json<T = any>(): T;
}

/**
 * Sends one request (a GET unless `init` says otherwise) and reads the whole answer, whatever its
 * status. It gives up (and throws) after HTTP_REQUEST_TIMEOUT_MS, so a hung service fails a test
 * instead of stalling it; and since the body is always read, no connection is left waiting on it.
 */
export async function http(url: string, init: Omit<RequestInit, 'signal'> = {}): Promise<HttpResponse> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(HTTP_REQUEST_TIMEOUT_MS) });
  const body = await response.text();
  return { status: response.status, headers: response.headers, body, json: <T>() => JSON.parse(body) as T };
}
