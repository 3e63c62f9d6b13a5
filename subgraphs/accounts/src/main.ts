import { runSubgraph } from '@agora/subgraph';
import { loadAccountsSettings } from './accounts.settings';
import { accountsSubgraph } from './accounts.subgraph';

await runSubgraph(accountsSubgraph(loadAccountsSettings(process.env)));
