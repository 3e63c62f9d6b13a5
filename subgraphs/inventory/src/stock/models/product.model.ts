import { Directive, Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType()
@Directive('@key(fields: "id")')
export class Product {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: 'Units available to order now (reserved units excluded).' })
  stock!: number;

  @Field({ description: 'Whether at least one unit can be ordered.' })
  get inStock(): boolean {
    return this.stock > 0;
  }
}
