import { describeEntityBatching } from '@agora/testing';
import { catalogSubgraph } from '../src/catalog.subgraph';

describeEntityBatching(catalogSubgraph, 'Product');
