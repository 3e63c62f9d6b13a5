import { CurrentViewer, requireViewer, type Viewer } from '@agora/auth';
import { UUID_PATTERN } from '@agora/contracts';
import { BadUserInputError, ForbiddenError } from '@agora/graphql';
import { MAX_PAGE_SIZE, pageSize } from '@agora/subgraph';
import { Args, ID, Int, Mutation, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Notification } from './models/notification.model';
import { User } from './models/user.model';
import { NotificationService } from './notification.service';

export const DEFAULT_FEED_SIZE = 20;
/** The most ids one `markNotificationsRead` takes: a few pages of the feed. */
export const MAX_MARK_READ_IDS = 500;

@Resolver(() => User)
export class NotificationResolver {
  constructor(private readonly notificationService: NotificationService) {}

  // Any id may have a feed (an empty one); accounts says whether the user exists.
  @ResolveReference()
  resolveReference(reference: { id: string }): User {
    return { id: reference.id };
  }

  @ResolveField(() => [Notification], {
    nullable: true,
    description: "The user's notifications, newest first. Only the user may read them.",
  })
  async notifications(
    @Parent() user: User,
    @CurrentViewer() viewer: Viewer | undefined,
    @Args('first', {
      type: () => Int,
      nullable: true,
      defaultValue: DEFAULT_FEED_SIZE,
      description: `1 to ${MAX_PAGE_SIZE}.`,
    })
    first: number | null,
    @Args('unreadOnly', { type: () => Boolean, nullable: true, defaultValue: false }) unreadOnly: boolean | null,
  ): Promise<Notification[]> {
    // Not even an ADMIN reads someone else's feed: it is personal.
    if (requireViewer(viewer, 'read notifications').id !== user.id) throw new ForbiddenError('You may only read your own notifications.');
    const limit = pageSize(first, DEFAULT_FEED_SIZE);
    return this.notificationService.feed({ userId: user.id, limit, unreadOnly: unreadOnly ?? false });
  }

  @Mutation(() => Int, {
    description:
      "Marks your unread notifications among `ids` read; returns how many changed (ids of read or others' notifications are ignored).",
  })
  async markNotificationsRead(
    @Args('ids', { type: () => [ID] }) ids: string[],
    @CurrentViewer() viewer: Viewer | undefined,
  ): Promise<number> {
    const reader = requireViewer(viewer, 'mark notifications read');
    if (ids.length > MAX_MARK_READ_IDS)
      throw new BadUserInputError(`Pass at most ${MAX_MARK_READ_IDS} ids at a time; got ${ids.length}.`, 'ids');
    const invalid = ids.filter((id) => !UUID_PATTERN.test(id));
    if (invalid.length > 0) throw new BadUserInputError(`These are not notification ids: ${invalid.join(', ')}.`, 'ids');
    return this.notificationService.markRead(reader.id, [...new Set(ids.map((id) => id.toLowerCase()))]);
  }
}
