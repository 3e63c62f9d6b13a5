import { runSubgraph } from '@agora/subgraph';
import { inventorySubgraph } from './inventory.subgraph';

await runSubgraph(inventorySubgraph);
