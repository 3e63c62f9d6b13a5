import { ErrorCode } from '@agora/graphql';
import { CORRELATION_HEADER } from '@agora/logging';
import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { Request } from 'express';
import { GraphQLError } from 'graphql';
import { dedupeInFlight } from './in-flight-dedup.fetcher';
import { subgraphHttpFetcher } from './subgraph-http.fetcher';

/** What the gateway keeps per request for its subgraph calls. */
export interface GatewayContext {
  readonly req: Request;
}

/** Headers passed from the client's request to every subgraph call it causes. */
export const FORWARDED_HEADERS = ['authorization', CORRELATION_HEADER] as const;

type SendRequestOptions = Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0];

/**
 * A call to one subgraph. The client's bearer token is forwarded as-is so that each subgraph
 * verifies it itself; the gateway never invents an identity header. A subgraph that cannot be
 * reached turns into a `SERVICE_UNAVAILABLE` error on the fields it serves, while the fields of
 * healthy subgraphs still come back. Identical queries in flight at once share one call
 * (`dedupeInFlight`; never mutations, never across different authorization).
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    readonly subgraph: string,
    url: string,
    options: { readonly deduplicate: boolean },
  ) {
    super({ url, fetcher: subgraphHttpFetcher() });
    if (options.deduplicate) this.fetcher = dedupeInFlight(this.fetcher);
  }

  override willSendRequest({ request, context }: SendRequestOptions): void {
    const incoming = context?.req?.headers;
    if (!incoming || !request.http) return;
    for (const name of FORWARDED_HEADERS) {
      const value = incoming[name];
      if (typeof value === 'string') request.http.headers.set(name, value);
    }
  }

  override didEncounterError(error: Error): void {
    if (error instanceof GraphQLError) throw error;
    throw new GraphQLError(`The ${this.subgraph} service is unavailable, so the fields it serves are missing. Retry shortly.`, {
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, service: this.subgraph },
      originalError: error,
    });
  }
}
