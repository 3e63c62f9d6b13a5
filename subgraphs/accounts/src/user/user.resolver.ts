import { CurrentViewer, isAdmin, type Viewer } from '@agora/auth';
import { ForbiddenError } from '@agora/graphql';
import { loadById, type SubgraphContext } from '@agora/subgraph';
import { Args, Context, ID, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { User } from './models/user.model';
import { OWN_ACCOUNT, type PublicUserRow, UserService } from './user.service';

@Resolver(() => User)
export class UserResolver {
  constructor(private readonly users: UserService) {}

  @Query(() => User, { nullable: true, description: 'The signed-in user, or null for an anonymous request.' })
  me(@CurrentViewer() viewer: Viewer | undefined, @Context() context: SubgraphContext): Promise<PublicUserRow | null> {
    return viewer ? this.load(context, viewer.id) : Promise.resolve(null);
  }

  @Query(() => User, { nullable: true, description: 'One user, or null when no user has this id.' })
  user(@Args('id', { type: () => ID }) id: string, @Context() context: SubgraphContext): Promise<PublicUserRow | null> {
    return this.load(context, id);
  }

  @ResolveReference()
  resolveReference(reference: { id: string }, context: SubgraphContext): Promise<PublicUserRow | null> {
    return this.load(context, reference.id);
  }

  @ResolveField(() => String, { description: 'Visible only to the user and to ADMINs.' })
  email(@Parent() user: PublicUserRow, @CurrentViewer() viewer: Viewer | undefined): string {
    if (!user[OWN_ACCOUNT] && viewer?.id !== user.id && !isAdmin(viewer))
      throw new ForbiddenError("Only the user and ADMINs may see a user's e-mail.");
    return user.email;
  }

  /** One SQL statement for all the users a request needs, however many representations it sends. */
  private load(context: SubgraphContext, id: string): Promise<PublicUserRow | null> {
    return loadById(context.req, 'users', (ids) => this.users.findByIds(ids), id);
  }
}
