import { type EventOf, OrderCancelled, OrderPlaced } from '@agora/contracts';
import { type EventContext, OnEvent } from '@agora/messaging';
import { Controller, Logger } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type * as schema from '../../db/schema';
import { ReservationService } from '../reservation.service';

/** Inventory's part of the order saga: reserve on placement, release on cancellation. */
@Controller()
export class OrderEventsHandler {
  private readonly logger = new Logger(OrderEventsHandler.name);

  constructor(private readonly reservations: ReservationService) {}

  @OnEvent(OrderPlaced)
  async onOrderPlaced(@Payload() event: EventOf<typeof OrderPlaced>, @Ctx() ctx: EventContext<typeof schema>): Promise<void> {
    const outcome = await this.reservations.place(event, ctx);
    this.logger.debug(`order ${event.orderId} placed: ${outcome}`);
  }

  @OnEvent(OrderCancelled)
  async onOrderCancelled(@Payload() event: EventOf<typeof OrderCancelled>, @Ctx() ctx: EventContext<typeof schema>): Promise<void> {
    const outcome = await this.reservations.cancel(event, ctx);
    this.logger.debug(`order ${event.orderId} cancelled: ${outcome}`);
  }
}
