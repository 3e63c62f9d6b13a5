import { describeEntityBatching } from '@agora/testing';
import { reviewsSubgraph } from '../src/reviews.subgraph';

describeEntityBatching(reviewsSubgraph, 'Review');
