import { UUID_PATTERN } from '@agora/contracts';
import { Args, Int, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Notification } from './models/notification.model';
import { User } from './models/user.model';
import { NotificationService } from './notification.service';

export const DEFAULT_FEED_SIZE = 20;
export const MAX_FEED_SIZE = 100;

@Resolver(() => User)
export class NotificationResolver {
  constructor(private readonly notificationService: NotificationService) {}

  // Any id may have a feed (an empty one); accounts says whether the user exists.
  @ResolveReference()
  resolveReference(reference: { id: string }): User {
    return { id: reference.id };
  }

  @ResolveField(() => [Notification], { description: "The user's notifications, newest first." })
  async notifications(
    @Parent() user: User,
    @Args('first', {
      type: () => Int,
      nullable: true,
      defaultValue: DEFAULT_FEED_SIZE,
      description: `1 to ${MAX_FEED_SIZE}; values outside are clamped.`,
    })
    first: number | null,
    @Args('unreadOnly', { type: () => Boolean, nullable: true, defaultValue: false }) unreadOnly: boolean | null,
  ): Promise<Notification[]> {
    if (!UUID_PATTERN.test(user.id)) return [];
    const limit = Math.min(Math.max(first ?? DEFAULT_FEED_SIZE, 1), MAX_FEED_SIZE);
    return this.notificationService.feed({ userId: user.id, limit, unreadOnly: unreadOnly ?? false });
  }
}
