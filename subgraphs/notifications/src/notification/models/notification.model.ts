import { Field, ID, ObjectType } from '@nestjs/graphql';
import { NotificationKind } from './notification-kind.model';

@ObjectType({ description: "An entry in a user's in-app feed." })
export class Notification {
  @Field(() => ID)
  id!: string;

  @Field(() => NotificationKind)
  kind!: NotificationKind;

  @Field({ description: 'Ready to show to the user.' })
  message!: string;

  @Field(() => ID, { nullable: true, description: 'The order it is about, for the ORDER_* kinds.' })
  orderId!: string | null;

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the user marked it read; null while unread.' })
  readAt!: Date | null;
}
