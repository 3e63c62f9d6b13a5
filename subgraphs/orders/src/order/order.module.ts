import { Module } from '@nestjs/common';
import { ProductCopyHandler } from './handlers/product-copy.handler';
import { StockHandler } from './handlers/stock.handler';
import { OrderResolver } from './order.resolver';
import { OrderService } from './order.service';
import { UserOrdersResolver } from './user-orders.resolver';

/** Orders: the GraphQL surface, and the events it consumes (catalog's products, inventory's answers). */
@Module({
  controllers: [ProductCopyHandler, StockHandler],
  providers: [OrderResolver, UserOrdersResolver, OrderService],
})
export class OrderModule {}
