import { runSubgraph } from '@agora/subgraph';
import { AppModule } from './app.module';

await runSubgraph({
  name: 'orders',
  defaultPort: 4004,
  migrationsFolder: 'subgraphs/orders/drizzle',
  module: (config) => AppModule.forRoot(config),
});
