import { Module } from '@nestjs/common';
import { ProductCreatedHandler } from './handlers/product-created.handler';
import { StockResolver } from './stock.resolver';
import { StockService } from './stock.service';

@Module({ providers: [StockResolver, StockService], controllers: [ProductCreatedHandler] })
export class StockModule {}
