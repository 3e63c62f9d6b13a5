import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { MAX_ITEMS_PER_ORDER, MAX_QUANTITY_PER_ITEM } from '../order.rules';

@InputType({ description: 'One product and how many units of it.' })
export class OrderItemInput {
  @Field(() => ID)
  productId!: string;

  @Field(() => Int, { description: `1 to ${MAX_QUANTITY_PER_ITEM}.` })
  quantity!: number;
}

@InputType()
export class PlaceOrderInput {
  @Field(() => [OrderItemInput], {
    description: `1 to ${MAX_ITEMS_PER_ORDER} items; a product listed twice counts as one item with the quantities added.`,
  })
  items!: OrderItemInput[];
}
