import { Module } from '@nestjs/common';
import { OrderEventsHandler } from './handlers/order-events.handler';
import { UserEventsHandler } from './handlers/user-events.handler';
import { NotificationResolver } from './notification.resolver';
import { NotificationService } from './notification.service';

/** Notifications: each user's feed on User, and the events that write it. */
@Module({ controllers: [OrderEventsHandler, UserEventsHandler], providers: [NotificationResolver, NotificationService] })
export class NotificationModule {}
