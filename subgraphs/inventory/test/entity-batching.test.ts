import { describeEntityBatching } from '@agora/testing';
import { inventorySubgraph } from '../src/inventory.subgraph';

describeEntityBatching(inventorySubgraph, 'Product');
