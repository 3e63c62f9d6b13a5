import { Directive, Field, ID, Int, ObjectType } from '@nestjs/graphql';

/** catalog's Product, to which inventory adds its stock (nullable: see the README's nullability rule). */
@ObjectType()
@Directive('@extends')
@Directive('@key(fields: "id")')
export class Product {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { nullable: true, description: 'Units available to order now (reserved units excluded).' })
  stock!: number;

  @Field(() => Boolean, { nullable: true, description: 'Whether at least one unit can be ordered.' })
  get inStock(): boolean {
    return this.stock > 0;
  }
}
