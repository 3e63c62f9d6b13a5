import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Product } from './product.model';

@ObjectType({ description: 'One line of an order.' })
export class OrderItem {
  @Field(() => Product)
  product!: Product;

  @Field(() => Int)
  quantity!: number;

  @Field(() => Int, { description: 'The price in cents when the order was placed.' })
  unitPriceCents!: number;
}
