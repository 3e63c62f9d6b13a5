import { Field, Int, ObjectType } from '@nestjs/graphql';
import { Product } from './product.model';

@ObjectType({ description: 'One line of an order.' })
export class OrderItem {
  @Field(() => Product, { nullable: true, description: 'The product as catalog serves it now; null while catalog is unavailable.' })
  product!: Product;

  @Field({ description: "The product's name when the order was placed, from orders' own copy: readable while catalog is down." })
  productName!: string;

  @Field(() => Int)
  quantity!: number;

  @Field(() => Int, { description: 'The price in cents when the order was placed.' })
  unitPriceCents!: number;
}
