import { Directive, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Product } from './product.model';
import { User } from './user.model';

@ObjectType({ description: "A user's rating and opinion of a product. Owned by reviews." })
@Directive('@key(fields: "id")')
export class Review {
  @Field(() => ID)
  id!: string;

  @Field(() => Product, { nullable: true, description: 'The reviewed product (from catalog; null while catalog is unavailable).' })
  product!: Product;

  @Field(() => User, { nullable: true, description: 'Who wrote the review (from accounts; null while accounts is unavailable).' })
  author!: User;

  @Field(() => Int, { description: 'From 1 to 5 stars.' })
  rating!: number;

  @Field()
  body!: string;

  @Field({ description: 'Whether the author had a confirmed order of the product when posting the review.' })
  verifiedPurchase!: boolean;

  @Field()
  createdAt!: Date;
}
