import { runSubgraph } from '@agora/subgraph';
import { AppModule } from './app.module';

await runSubgraph({
  name: 'reviews',
  defaultPort: 4005,
  migrationsFolder: 'subgraphs/reviews/drizzle',
  module: (config) => AppModule.forRoot(config),
});
