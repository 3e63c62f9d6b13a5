import type { SubgraphContext } from '@agora/subgraph';
import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { AuthService } from './auth.service';
import { SignUpInput } from './dto/sign-up.input';
import { AuthPayload } from './models/auth-payload.model';
import type { Session } from './session-tokens.service';

@Resolver(() => AuthPayload)
export class AuthResolver {
  constructor(private readonly auth: AuthService) {}

  @Mutation(() => AuthPayload, { description: 'Creates an account and signs it in.' })
  signUp(@Args('input') input: SignUpInput, @Context() context: SubgraphContext): Promise<Session> {
    // req.ip is the gateway-forwarded client address only when the gateway is a trusted proxy (TRUST_PROXY).
    return this.auth.signUp(input, context.req.ip ?? context.req.socket.remoteAddress ?? 'unknown');
  }

  @Mutation(() => AuthPayload, { description: 'Signs in with e-mail and password.' })
  logIn(@Args('email') email: string, @Args('password') password: string): Promise<Session> {
    return this.auth.logIn(email, password);
  }

  @Mutation(() => AuthPayload, {
    description: 'Exchanges a refresh token (each works once) for a new session, with the current role of the account.',
  })
  refreshSession(@Args('refreshToken') refreshToken: string): Promise<Session> {
    return this.auth.refreshSession(refreshToken);
  }
}
