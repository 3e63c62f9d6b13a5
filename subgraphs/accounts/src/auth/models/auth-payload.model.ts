import { Field, ObjectType } from '@nestjs/graphql';
import { User } from '../../user/models/user.model';

@ObjectType({ description: 'A signed-in session: send the token as "Authorization: Bearer <token>".' })
export class AuthPayload {
  @Field()
  token!: string;

  @Field(() => User)
  user!: User;
}
