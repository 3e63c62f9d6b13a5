import { runSubgraph } from '@agora/subgraph';
import { catalogSubgraph } from './catalog.subgraph';

await runSubgraph(catalogSubgraph);
