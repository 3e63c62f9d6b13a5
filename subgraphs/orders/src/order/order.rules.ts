import { type Shortage, UUID_PATTERN } from '@agora/contracts';
import { BadUserInputError } from '@agora/graphql';

export const MAX_ITEMS_PER_ORDER = 50;
export const MAX_QUANTITY_PER_ITEM = 100;

export interface RequestedItem {
  readonly productId: string;
  readonly quantity: number;
}

/**
 * The items of a `placeOrder` input, checked and with duplicate products merged (quantities
 * added, first position kept). Throws BAD_USER_INPUT naming the offending item.
 */
export function normalizeOrderItems(items: readonly RequestedItem[]): RequestedItem[] {
  if (items.length === 0) throw new BadUserInputError('An order needs at least one item.', 'items');
  if (items.length > MAX_ITEMS_PER_ORDER) {
    throw new BadUserInputError(`An order holds at most ${MAX_ITEMS_PER_ORDER} items; this one has ${items.length}.`, 'items');
  }
  items.forEach((item, index) => {
    if (!UUID_PATTERN.test(item.productId)) {
      throw new BadUserInputError(`items[${index}].productId "${item.productId}" is not a product id.`, `items.${index}.productId`);
    }
    if (!Number.isInteger(item.quantity) || item.quantity < 1 || item.quantity > MAX_QUANTITY_PER_ITEM) {
      throw new BadUserInputError(
        `items[${index}].quantity must be between 1 and ${MAX_QUANTITY_PER_ITEM}; got ${item.quantity}.`,
        `items.${index}.quantity`,
      );
    }
  });
  const merged = new Map<string, number>();
  for (const item of items) {
    const productId = item.productId.toLowerCase();
    merged.set(productId, (merged.get(productId) ?? 0) + item.quantity);
  }
  for (const [productId, quantity] of merged) {
    if (quantity > MAX_QUANTITY_PER_ITEM) {
      throw new BadUserInputError(
        `Product ${productId} is ordered ${quantity} times in total; at most ${MAX_QUANTITY_PER_ITEM} units of one product per order.`,
        'items',
      );
    }
  }
  return [...merged].map(([productId, quantity]) => ({ productId, quantity }));
}

/** Why inventory refused an order, for the buyer: the products that fell short, by name. */
export function rejectionReason(shortages: readonly Shortage[], nameOf: (productId: string) => string | undefined): string {
  const parts = shortages.map(
    (shortage) =>
      `${nameOf(shortage.productId) ?? `product ${shortage.productId}`} (ordered ${shortage.requested}, ${shortage.available} available)`,
  );
  return `Not enough stock for ${parts.join(', ')}.`;
}
