import { Module } from '@nestjs/common';
import { ReviewPostedHandler } from './handlers/review-posted.handler';

/** The rating summary per product, projected from reviews' events. */
@Module({ controllers: [ReviewPostedHandler] })
export class RatingModule {}
