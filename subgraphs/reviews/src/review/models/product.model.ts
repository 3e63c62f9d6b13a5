import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/** catalog's Product, to which reviews adds its reviews and rating. */
@ObjectType()
@Directive('@extends')
@Directive('@key(fields: "id")')
export class Product {
  @Field(() => ID)
  id!: string;
}
