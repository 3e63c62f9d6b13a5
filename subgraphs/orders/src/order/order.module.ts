import { Module } from '@nestjs/common';
import { ProductEventsHandler } from './handlers/product-events.handler';
import { StockEventsHandler } from './handlers/stock-events.handler';
import { OrderResolver } from './order.resolver';
import { OrderService } from './order.service';
import { UserOrdersResolver } from './user-orders.resolver';

/** Orders: the GraphQL surface, and the events it consumes (catalog's products, inventory's answers). */
@Module({
  controllers: [ProductEventsHandler, StockEventsHandler],
  providers: [OrderResolver, UserOrdersResolver, OrderService],
})
export class OrderModule {}
