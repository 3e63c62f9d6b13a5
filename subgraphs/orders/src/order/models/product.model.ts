import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/** A reference to catalog's Product: the gateway fetches its fields from catalog. */
@ObjectType()
@Directive('@extends')
@Directive('@key(fields: "id", resolvable: false)')
export class Product {
  @Field(() => ID)
  id!: string;
}
