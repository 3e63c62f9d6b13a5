import { type EventOf, OrderCancelled, OrderConfirmed, OrderRejected, UserRegistered } from '@agora/contracts';
import { type EventContext, OnEvent } from '@agora/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type * as schema from '../../db/schema';
import { notifications } from '../../db/schema';
import { orderCancelledMessage, orderConfirmedMessage, orderRejectedMessage, welcomeMessage } from '../notification-messages';

type NewNotification = typeof notifications.$inferInsert;

/**
 * Writes each user's feed from other services' events. The inbox skips a redelivered event; the
 * unique indexes also keep a second event about the same fact (say, a replayed copy with a new
 * id) from adding a second notification.
 */
@Controller()
export class FeedHandler {
  @OnEvent(UserRegistered)
  async onUserRegistered(@Payload() event: EventOf<typeof UserRegistered>, @Ctx() ctx: EventContext<typeof schema>): Promise<void> {
    await add(ctx, { userId: event.userId, kind: 'WELCOME', message: welcomeMessage(event.name), createdAt: new Date(event.registeredAt) });
  }

  @OnEvent(OrderConfirmed)
  async onOrderConfirmed(@Payload() event: EventOf<typeof OrderConfirmed>, @Ctx() ctx: EventContext<typeof schema>): Promise<void> {
    await add(ctx, {
      userId: event.userId,
      kind: 'ORDER_CONFIRMED',
      orderId: event.orderId,
      message: orderConfirmedMessage(event.totalCents),
      createdAt: new Date(event.confirmedAt),
    });
  }

  @OnEvent(OrderRejected)
  async onOrderRejected(@Payload() event: EventOf<typeof OrderRejected>, @Ctx() ctx: EventContext<typeof schema>): Promise<void> {
    await add(ctx, {
      userId: event.userId,
      kind: 'ORDER_REJECTED',
      orderId: event.orderId,
      message: orderRejectedMessage(event.reason),
      createdAt: new Date(event.rejectedAt),
    });
  }

  @OnEvent(OrderCancelled)
  async onOrderCancelled(@Payload() event: EventOf<typeof OrderCancelled>, @Ctx() ctx: EventContext<typeof schema>): Promise<void> {
    await add(ctx, {
      userId: event.userId,
      kind: 'ORDER_CANCELLED',
      orderId: event.orderId,
      message: orderCancelledMessage(event.previousStatus),
      createdAt: new Date(event.cancelledAt),
    });
  }
}

function add(ctx: EventContext<typeof schema>, notification: NewNotification): Promise<unknown> {
  return ctx.tx.insert(notifications).values(notification).onConflictDoNothing();
}
