import { Directive, Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'Something the shop sells. Owned by catalog; other subgraphs add fields.' })
@Directive('@key(fields: "id")')
export class Product {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  description!: string;

  @Field(() => Int, { description: 'Current price in cents.' })
  priceCents!: number;

  @Field()
  createdAt!: Date;
}
