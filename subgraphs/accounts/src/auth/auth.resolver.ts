import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { AuthService, type Session } from './auth.service';
import { SignUpInput } from './dto/sign-up.input';
import { AuthPayload } from './models/auth-payload.model';

@Resolver(() => AuthPayload)
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Mutation(() => AuthPayload, { description: 'Creates an account and signs it in.' })
  signUp(@Args('input') input: SignUpInput): Promise<Session> {
    return this.auth.signUp(input);
  }

  @Mutation(() => AuthPayload, { description: 'Signs in with e-mail and password.' })
  logIn(@Args('email') email: string, @Args('password') password: string): Promise<Session> {
    return this.auth.logIn(email, password);
  }
}
