import { UUID_PATTERN } from '@agora/contracts';
import { Args, ID, Query, Resolver, ResolveReference } from '@nestjs/graphql';
import { User } from './models/user.model';
import { UserService } from './user.service';

@Resolver(() => User)
export class UserResolver {
  constructor(private readonly users: UserService) {}

  @Query(() => User, { nullable: true, description: 'One user, or null when no user has this id.' })
  async user(@Args('id', { type: () => ID }) id: string): Promise<User | null> {
    if (!UUID_PATTERN.test(id)) return null;
    return (await this.users.findByIds([id])).get(id) ?? null;
  }

  @ResolveReference()
  async resolveReference(reference: { id: string }): Promise<User | null> {
    if (!UUID_PATTERN.test(reference.id)) return null;
    return (await this.users.findByIds([reference.id])).get(reference.id) ?? null;
  }
}
