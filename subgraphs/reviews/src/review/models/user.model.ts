import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/** accounts' User, to which reviews adds the reviews the user wrote. */
@ObjectType()
@Directive('@extends')
@Directive('@key(fields: "id")')
export class User {
  @Field(() => ID)
  id!: string;
}
