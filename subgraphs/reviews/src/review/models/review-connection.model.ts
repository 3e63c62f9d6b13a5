import { ConnectionType } from '@agora/subgraph';
import { Review } from './review.model';

/** A page of reviews: `ReviewConnection` and `ReviewEdge`. */
export const ReviewConnection = ConnectionType(Review, 'Review');
