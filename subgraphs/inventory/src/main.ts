import { runSubgraph } from '@agora/subgraph';
import { AppModule } from './app.module';

await runSubgraph({
  name: 'inventory',
  defaultPort: 4003,
  migrationsFolder: 'subgraphs/inventory/drizzle',
  module: (config) => AppModule.forRoot(config),
});
