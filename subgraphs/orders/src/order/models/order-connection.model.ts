import { ConnectionType } from '@agora/subgraph';
import { Order } from './order.model';

/** A page of orders: `OrderConnection` and `OrderEdge`. */
export const OrderConnection = ConnectionType(Order, 'Order');
