import type { SubgraphDefinition } from '@agora/subgraph';
import * as schema from './db/schema';
import { ReservationModule } from './reservation/reservation.module';
import { Product } from './stock/models/product.model';
import { StockModule } from './stock/stock.module';

/** The inventory subgraph: its tables, its domain modules, and the entities only `_entities` reaches. */
export const inventorySubgraph: SubgraphDefinition = {
  name: 'inventory',
  defaultPort: 4003,
  migrationsFolder: 'subgraphs/inventory/drizzle',
  schema,
  modules: [StockModule, ReservationModule],
  entities: [Product],
};
