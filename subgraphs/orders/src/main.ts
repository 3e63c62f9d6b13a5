import { runSubgraph } from '@agora/subgraph';
import { ordersSubgraph } from './orders.subgraph';

await runSubgraph(ordersSubgraph);
