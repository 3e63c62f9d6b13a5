import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { MAX_BODY_LENGTH, MAX_RATING, MIN_RATING } from '../review.rules';

@InputType()
export class PostReviewInput {
  @Field(() => ID)
  productId!: string;

  @Field(() => Int, { description: `${MIN_RATING} to ${MAX_RATING} stars.` })
  rating!: number;

  @Field({ description: `1 to ${MAX_BODY_LENGTH} characters once trimmed.` })
  body!: string;
}
