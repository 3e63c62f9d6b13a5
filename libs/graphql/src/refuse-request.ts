/** What a refusal needs of an HTTP response; Express's `Response` is one. */
export interface RefusableResponse {
  status(code: number): { json(body: unknown): unknown };
}

/**
 * Answers a request refused before GraphQL runs (bad credential or token, body too large, over a
 * rate limit) with a GraphQL-shaped error, so that clients read it like any other error.
 */
export function refuseRequest(
  res: RefusableResponse,
  status: number,
  message: string,
  extensions: { readonly code: string; readonly [key: string]: unknown },
): void {
  res.status(status).json({ errors: [{ message, extensions }] });
}
