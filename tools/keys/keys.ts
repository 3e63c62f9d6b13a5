#!/usr/bin/env node
// Signing key administration: `npm run keys -- list|rotate|retire <kid>`. It works on accounts'
// own database, reading DATABASE_URL as accounts does; running replicas pick the change up
// within seconds, and verifiers within their JWKS refresh interval (JWKS_REFRESH_SECONDS).
import type { SigningKeyRow } from '../../subgraphs/accounts/src/db/schema';
import {
  allKeys,
  currentKey,
  KEY_CACHE_MS,
  KEY_PUBLICATION_DELAY_MS,
  retireKey,
  rotateKey,
} from '../../subgraphs/accounts/src/keys/key-store';
import { type AccountsDatabase, runCommand, withAccountsDatabase } from '../accounts/accounts-database';

const USAGE = 'usage: npm run keys -- list | rotate | retire <kid>';

type Invocation = { readonly command: 'list' | 'rotate' } | { readonly command: 'retire'; readonly kid: string };

function parse(argv: readonly string[]): Invocation {
  const [command, kid, ...rest] = argv;
  if (rest.length > 0) throw new Error(USAGE);
  if (command === 'retire' && kid) return { command, kid };
  if ((command === 'list' || command === 'rotate') && !kid) return { command };
  throw new Error(USAGE);
}

function show(key: SigningKeyRow, signing: boolean): string {
  const status = key.retiredAt ? `retired ${key.retiredAt.toISOString()}` : signing ? 'signs and verifies' : 'verifies';
  return `${key.kid}  ${key.algorithm}  created ${key.createdAt.toISOString()}  ${status}`;
}

async function main(): Promise<void> {
  const invocation = parse(process.argv.slice(2));
  if (process.env.SIGNING_KEY) console.log('note: SIGNING_KEY is set: that key signs, and the stored keys below only verify.');
  await withAccountsDatabase((db) => run(db, invocation));
}

async function run(db: AccountsDatabase, invocation: Invocation): Promise<void> {
  switch (invocation.command) {
    case 'list': {
      const keys = await allKeys(db);
      const signing = (await currentKey(db))?.kid;
      console.log(keys.length ? keys.map((key) => show(key, key.kid === signing)).join('\n') : 'no stored keys yet');
      return;
    }
    case 'rotate': {
      const key = await rotateKey(db);
      console.log(
        `${key.kid} added: replicas serve it in their JWKS within ${KEY_CACHE_MS / 1000} s and sign new tokens with it ` +
          `${(KEY_PUBLICATION_DELAY_MS + KEY_CACHE_MS) / 1000} s from now at the latest; older keys still verify until retired.`,
      );
      return;
    }
    case 'retire': {
      const key = await retireKey(db, invocation.kid);
      console.log(`${key.kid} is retired: tokens it signed are refused once verifiers refresh their key set.`);
      return;
    }
  }
}

runCommand(main);
