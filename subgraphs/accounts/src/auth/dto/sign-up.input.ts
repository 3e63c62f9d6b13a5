import { Field, InputType } from '@nestjs/graphql';

@InputType({ description: 'A new account; the e-mail must not be taken.' })
export class SignUpInput {
  @Field({ description: 'Used to log in; case does not matter.' })
  email!: string;

  @Field({ description: 'At least 8 characters.' })
  password!: string;

  @Field({ description: 'How the shop addresses you, 1 to 100 characters.' })
  name!: string;
}
