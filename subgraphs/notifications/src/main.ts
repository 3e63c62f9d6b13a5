import { runSubgraph } from '@agora/subgraph';
import { AppModule } from './app.module';

await runSubgraph({
  name: 'notifications',
  defaultPort: 4006,
  migrationsFolder: 'subgraphs/notifications/drizzle',
  module: (config) => AppModule.forRoot(config),
});
