import type { SubgraphDefinition } from '@agora/subgraph';
import * as schema from './db/schema';
import { ProductModule } from './product/product.module';
import { RatingModule } from './rating/rating.module';

/** The catalog subgraph: its tables, its domain modules, and the entities only `_entities` reaches. */
export const catalogSubgraph: SubgraphDefinition = {
  name: 'catalog',
  defaultPort: 4002,
  migrationsFolder: 'subgraphs/catalog/drizzle',
  schema,
  modules: [ProductModule, RatingModule],
};
