import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';
import { Role } from './role.model';

@ObjectType({ description: 'Someone with an account. Owned by accounts; other subgraphs add fields.' })
@Directive('@key(fields: "id")')
export class User {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Lowercased e-mail address, unique per user.' })
  email!: string;

  @Field()
  name!: string;

  @Field(() => Role)
  role!: Role;

  @Field()
  createdAt!: Date;
}
