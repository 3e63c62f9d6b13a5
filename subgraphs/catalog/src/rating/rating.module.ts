import { Module } from '@nestjs/common';
import { ReviewEventsHandler } from './handlers/review-events.handler';

/** The rating summary per product, projected from reviews' events. */
@Module({ controllers: [ReviewEventsHandler] })
export class RatingModule {}
