import { runSubgraph } from '@agora/subgraph';
import { notificationsSubgraph } from './notifications.subgraph';

await runSubgraph(notificationsSubgraph);
