import { describeEntityBatching } from '@agora/testing';
import { ordersSubgraph } from '../src/orders.subgraph';

describeEntityBatching(ordersSubgraph, 'Order');
