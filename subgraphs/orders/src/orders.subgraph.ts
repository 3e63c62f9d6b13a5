import type { SubgraphDefinition } from '@agora/subgraph';
import * as schema from './db/schema';
import { Order } from './order/models/order.model';
import { OrderModule } from './order/order.module';

/** The orders subgraph: its tables, its domain modules, and the entities only `_entities` reaches. */
export const ordersSubgraph: SubgraphDefinition = {
  name: 'orders',
  defaultPort: 4004,
  migrationsFolder: 'subgraphs/orders/drizzle',
  schema,
  modules: [OrderModule],
  entities: [Order],
};
