import { buildSchema } from 'graphql';

/** A small schema shaped like Agora's (connections sized by `first`, a plain list, an entity list) for the limit specs. */
export const LIMITS_TEST_SDL = `
  scalar _Any
  type Query {
    hello: String
    product(id: ID!): Product
    products(first: Int = 20): ProductConnection!
    _entities(representations: [_Any!]!): [Product]!
  }
  type ProductConnection { edges: [ProductEdge!]! totalCount: Int! }
  type ProductEdge { node: Product! }
  type Product { id: ID! name: String! reviews(first: Int = 20): ReviewConnection! related: [Product!]! }
  type ReviewConnection { edges: [ReviewEdge!]! }
  type ReviewEdge { node: Review! }
  type Review { id: ID! product: Product! }
`;

export const limitsTestSchema = buildSchema(LIMITS_TEST_SDL);
