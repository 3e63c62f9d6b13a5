import { Module } from '@nestjs/common';
import { ProductEventsHandler } from './handlers/product-events.handler';
import { StockResolver } from './stock.resolver';
import { StockService } from './stock.service';

@Module({ providers: [StockResolver, StockService], controllers: [ProductEventsHandler] })
export class StockModule {}
