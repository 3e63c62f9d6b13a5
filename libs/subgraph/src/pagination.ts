import { UUID_PATTERN } from '@agora/contracts';
import { BadUserInputError } from '@agora/graphql';
import type { Type } from '@nestjs/common';
import { Directive, Field, Int, ObjectType } from '@nestjs/graphql';

export const MAX_PAGE_SIZE = 100;

/** Relay's page info; the same type in every subgraph, hence shareable. */
@ObjectType({ description: 'Where a page sits in its list.' })
@Directive('@shareable')
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' })
  endCursor!: string | null;
}

export interface Edge<Node> {
  cursor: string;
  node: Node;
}

export interface Connection<Node> {
  edges: Edge<Node>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * The `<Name>Connection` and `<Name>Edge` object types of a Relay-style list of `node`,
 * e.g. `ConnectionType(Product, 'Product')` declares ProductConnection and ProductEdge.
 */
export function ConnectionType<Node>(node: Type<Node>, name: string): Type<Connection<Node>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field({ description: 'Opaque position of this edge, for `after`.' })
    cursor!: string;

    @Field(() => node)
    node!: Node;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionClass {
    @Field(() => [EdgeType])
    edges!: EdgeType[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'How many items the whole list holds.' })
    totalCount!: number;
  }
  return ConnectionClass;
}

/** `first` as asked, or a BAD_USER_INPUT error that says what is allowed. */
export function pageSize(first: number | null | undefined, fallback = 20): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`first must be between 1 and ${MAX_PAGE_SIZE}; got ${size}.`, 'first');
  }
  return size;
}

/** An opaque cursor for a keyset position (the sort values of the last row seen). */
export function encodeCursor(position: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** The keyset position of `after`, checked against the shape the list expects. */
export function decodeCursor(cursor: string, shape: readonly ('string' | 'number')[]): (string | number)[] {
  try {
    const position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(position) && position.length === shape.length && position.every((value, index) => typeof value === shape[index])) {
      return position as (string | number)[];
    }
  } catch {
    // fall through to the error below
  }
  throw new BadUserInputError('after is not a cursor of this list; pass the endCursor of a previous page.', 'after');
}

/** The keyset position of a row in a newest-first list: its creation time, then its id. */
export function createdAtPosition(row: { readonly createdAt: Date; readonly id: string }): [string, string] {
  return [row.createdAt.toISOString(), row.id];
}

/** The (creation time, id) position of an `after` cursor made by {@link createdAtPosition}. */
export function decodeCreatedAtCursor(after: string): [Date, string] {
  const [createdAt, id] = decodeCursor(after, ['string', 'string']) as [string, string];
  const date = new Date(createdAt);
  if (Number.isNaN(date.getTime()) || !UUID_PATTERN.test(id)) {
    throw new BadUserInputError('after is not a cursor of this list; pass the endCursor of a previous page.', 'after');
  }
  return [date, id];
}

/**
 * Builds a connection from `size + 1` rows fetched after the cursor: the extra row only tells
 * whether a next page exists.
 */
export function toConnection<Row, Node>(
  rows: readonly Row[],
  size: number,
  totalCount: number,
  position: (row: Row) => readonly (string | number)[],
  toNode: (row: Row) => Node,
): Connection<Node> {
  const page = rows.slice(0, size);
  const edges = page.map((row) => ({ cursor: encodeCursor(position(row)), node: toNode(row) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}
