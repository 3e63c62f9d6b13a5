import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/** accounts' User, to which notifications adds the user's feed. */
@ObjectType()
@Directive('@extends')
@Directive('@key(fields: "id")')
export class User {
  @Field(() => ID)
  id!: string;
}
