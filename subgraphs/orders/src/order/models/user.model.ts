import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/** A reference to accounts' User: orders knows only its id. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class User {
  @Field(() => ID)
  id!: string;
}
