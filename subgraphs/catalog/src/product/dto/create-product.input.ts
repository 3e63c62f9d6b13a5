import { Field, InputType, Int } from '@nestjs/graphql';

@InputType({ description: 'A new product; names and descriptions are trimmed.' })
export class CreateProductInput {
  @Field({ description: '1 to 200 characters.' })
  name!: string;

  @Field({ defaultValue: '', description: 'Up to 4000 characters.' })
  description!: string;

  @Field(() => Int, { description: 'Price in cents, 1 to 100,000,000.' })
  priceCents!: number;
}
