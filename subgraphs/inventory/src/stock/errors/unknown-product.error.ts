import { DomainError, ErrorCode } from '@agora/graphql';

/** A product inventory holds no stock row for: never created, or its creation has not arrived yet. */
export class UnknownProductError extends DomainError {
  readonly code = ErrorCode.NOT_FOUND;

  constructor(readonly productId: string) {
    super(
      `Product "${productId}" is unknown to inventory. Create it with createProduct first; inventory hears of a new product within moments, so retry shortly if you just created it.`,
      ErrorCode.NOT_FOUND,
      { entity: 'Product', id: productId },
    );
  }
}
