import { type EventOf, UserRegistered } from '@agora/contracts';
import { type EventContext, OnEvent } from '@agora/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type * as schema from '../../db/schema';
import { addToFeed } from '../feed-entry';
import { welcomeMessage } from '../notification-messages';

/** Greets each new user. */
@Controller()
export class UserEventsHandler {
  @OnEvent(UserRegistered)
  async onUserRegistered(@Payload() event: EventOf<typeof UserRegistered>, @Ctx() ctx: EventContext<typeof schema>): Promise<void> {
    await addToFeed(ctx, {
      userId: event.userId,
      kind: 'WELCOME',
      message: welcomeMessage(event.name),
      createdAt: new Date(event.registeredAt),
    });
  }
}
