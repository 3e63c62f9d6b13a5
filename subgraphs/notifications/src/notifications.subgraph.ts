import type { SubgraphDefinition } from '@agora/subgraph';
import * as schema from './db/schema';
import { User } from './notification/models/user.model';
import { NotificationModule } from './notification/notification.module';

/** The notifications subgraph: its tables, its domain modules, and the entities only `_entities` reaches. */
export const notificationsSubgraph: SubgraphDefinition = {
  name: 'notifications',
  defaultPort: 4006,
  migrationsFolder: 'subgraphs/notifications/drizzle',
  schema,
  modules: [NotificationModule],
  entities: [User],
};
