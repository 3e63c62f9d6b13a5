import { Field, ObjectType } from '@nestjs/graphql';
import { User } from '../../user/models/user.model';

@ObjectType({ description: 'A signed-in session: send the token as "Authorization: Bearer <token>".' })
export class AuthPayload {
  @Field({ description: 'The access token: short-lived, it carries the role (TOKEN_TTL_SECONDS, 15 minutes by default).' })
  token!: string;

  @Field({ description: 'Gets a new session from refreshSession before the token expires; each works once.' })
  refreshToken!: string;

  @Field(() => User)
  user!: User;
}
