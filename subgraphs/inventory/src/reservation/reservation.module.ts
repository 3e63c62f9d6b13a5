import { Module } from '@nestjs/common';
import { OrderEventsHandler } from './handlers/order-events.handler';
import { ReservationService } from './reservation.service';

/** Per-order reservations, driven by orders' events. */
@Module({ providers: [ReservationService], controllers: [OrderEventsHandler] })
export class ReservationModule {}
