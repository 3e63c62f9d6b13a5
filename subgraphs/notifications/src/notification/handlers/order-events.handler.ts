import { type EventOf, OrderCancelled, OrderConfirmed, OrderRejected } from '@agora/contracts';
import { type EventContext, OnEvent } from '@agora/messaging';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type * as schema from '../../db/schema';
import { addToFeed } from '../feed-entry';
import { orderCancelledMessage, orderConfirmedMessage, orderRejectedMessage } from '../notification-messages';

/** Tells the buyer what became of each order: confirmed, rejected, cancelled. */
@Controller()
export class OrderEventsHandler {
  @OnEvent(OrderConfirmed)
  async onOrderConfirmed(@Payload() event: EventOf<typeof OrderConfirmed>, @Ctx() ctx: EventContext<typeof schema>): Promise<void> {
    await addToFeed(ctx, {
      userId: event.userId,
      kind: 'ORDER_CONFIRMED',
      orderId: event.orderId,
      message: orderConfirmedMessage(event.totalCents),
      createdAt: new Date(event.confirmedAt),
    });
  }

  @OnEvent(OrderRejected)
  async onOrderRejected(@Payload() event: EventOf<typeof OrderRejected>, @Ctx() ctx: EventContext<typeof schema>): Promise<void> {
    await addToFeed(ctx, {
      userId: event.userId,
      kind: 'ORDER_REJECTED',
      orderId: event.orderId,
      message: orderRejectedMessage(event.reason),
      createdAt: new Date(event.rejectedAt),
    });
  }

  @OnEvent(OrderCancelled)
  async onOrderCancelled(@Payload() event: EventOf<typeof OrderCancelled>, @Ctx() ctx: EventContext<typeof schema>): Promise<void> {
    await addToFeed(ctx, {
      userId: event.userId,
      kind: 'ORDER_CANCELLED',
      orderId: event.orderId,
      message: orderCancelledMessage(event.previousStatus),
      createdAt: new Date(event.cancelledAt),
    });
  }
}
