import { runSubgraph } from '@agora/subgraph';
import { AppModule } from './app.module';

await runSubgraph({
  name: 'accounts',
  defaultPort: 4001,
  migrationsFolder: 'subgraphs/accounts/drizzle',
  module: (config) => AppModule.forRoot(config),
});
