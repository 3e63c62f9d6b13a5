import type { SubgraphDefinition } from '@agora/subgraph';
import * as schema from './db/schema';
import { Review } from './review/models/review.model';
import { ReviewModule } from './review/review.module';

/** The reviews subgraph: its tables, its domain modules, and the entities only `_entities` reaches. */
export const reviewsSubgraph: SubgraphDefinition = {
  name: 'reviews',
  defaultPort: 4005,
  migrationsFolder: 'subgraphs/reviews/drizzle',
  schema,
  modules: [ReviewModule],
  entities: [Review],
};
