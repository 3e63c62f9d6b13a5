import { Directive, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { OrderItem } from './order-item.model';
import { OrderStatus } from './order-status.model';
import { User } from './user.model';

@ObjectType({ description: "A user's order. Owned by orders." })
@Directive('@key(fields: "id")')
export class Order {
  @Field(() => ID)
  id!: string;

  @Field(() => User, { nullable: true, description: 'Who placed the order (from accounts; null while accounts is unavailable).' })
  user!: User;

  @Field(() => [OrderItem])
  items!: OrderItem[];

  @Field(() => Int, { description: 'The sum of the items in cents, fixed when the order was placed.' })
  totalCents!: number;

  @Field(() => OrderStatus)
  status!: OrderStatus;

  @Field(() => String, { nullable: true, description: 'Why inventory refused the order, when it is REJECTED.' })
  rejectionReason!: string | null;

  @Field()
  createdAt!: Date;

  @Field()
  updatedAt!: Date;
}
