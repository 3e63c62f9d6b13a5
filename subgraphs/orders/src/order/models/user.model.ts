import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/** accounts' User, to which orders adds the user's orders. */
@ObjectType()
@Directive('@extends')
@Directive('@key(fields: "id")')
export class User {
  @Field(() => ID)
  id!: string;
}
