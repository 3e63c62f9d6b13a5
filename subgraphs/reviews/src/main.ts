import { runSubgraph } from '@agora/subgraph';
import { reviewsSubgraph } from './reviews.subgraph';

await runSubgraph(reviewsSubgraph);
