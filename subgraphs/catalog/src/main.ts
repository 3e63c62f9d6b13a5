import { runSubgraph } from '@agora/subgraph';
import { AppModule } from './app.module';

await runSubgraph({
  name: 'catalog',
  defaultPort: 4002,
  migrationsFolder: 'subgraphs/catalog/drizzle',
  module: (config) => AppModule.forRoot(config),
});
