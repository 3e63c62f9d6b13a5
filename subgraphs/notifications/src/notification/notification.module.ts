import { Module } from '@nestjs/common';
import { FeedHandler } from './handlers/feed.handler';
import { NotificationResolver } from './notification.resolver';
import { NotificationService } from './notification.service';

/** Notifications: each user's feed on User, and the events that write it. */
@Module({ controllers: [FeedHandler], providers: [NotificationResolver, NotificationService] })
export class NotificationModule {}
