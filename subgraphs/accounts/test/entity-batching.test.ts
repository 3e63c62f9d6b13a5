import { describeEntityBatching } from '@agora/testing';
import { loadAccountsSettings } from '../src/accounts.settings';
import { accountsSubgraph } from '../src/accounts.subgraph';

describeEntityBatching(accountsSubgraph(loadAccountsSettings({})), 'User');
