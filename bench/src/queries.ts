/**
 * The operations the bench sends. The deep query crosses every hop of the product page: catalog →
 * inventory and reviews → accounts → reviews → catalog → inventory and reviews (about 57 KB).
 */
export const DEEP_QUERY = `query Deep($probe: ID!) {
  products(first: 12) {
    edges { node { id name priceCents stock averageRating
      reviews(first: 5) { edges { node { id rating body
        author { id name
          reviews(first: 5) { edges { node { id rating
            product { id name stock averageRating } } } }
        } } } }
    } }
  }
  probe: product(id: $probe) { id }
}`;

/** A query one subgraph (catalog) answers alone. */
export const SINGLE_QUERY = `query Single($probe: ID!) {
  products(first: 12) { totalCount edges { cursor node { id name description priceCents createdAt } } }
  probe: product(id: $probe) { id }
}`;

/**
 * `$probe` asks for a product that does not exist. In "identical" runs it is one fixed id, so every
 * request is the same; in "distinct" runs each request gets a fresh one, so no two requests (nor
 * their first subgraph fetch) are alike, while the answer stays the same size.
 */
export const FIXED_PROBE = '00000000-0000-7000-8000-000000000000';

export const PLACE_ORDER_MUTATION = `mutation Place($input: PlaceOrderInput!) { placeOrder(input: $input) { id status } }`;
