#!/usr/bin/env node
// Account administration: `npm run accounts -- promote|demote <email>`. It works on accounts'
// own database (it is accounts' tooling, like a migration), reading DATABASE_URL as accounts does.
import type { UserRole } from '../../subgraphs/accounts/src/db/schema';
import { setUserRole } from '../../subgraphs/accounts/src/user/user-role';
import { runCommand, withAccountsDatabase } from './accounts-database';

const USAGE = 'usage: npm run accounts -- promote|demote <email>';
const ROLE_OF_COMMAND = { promote: 'ADMIN', demote: 'CUSTOMER' } as const satisfies Record<string, UserRole>;
type Command = keyof typeof ROLE_OF_COMMAND;

function parse(argv: readonly string[]): { command: Command; email: string } {
  const [command, email, ...rest] = argv;
  if (!command || !(command in ROLE_OF_COMMAND) || !email || rest.length > 0) throw new Error(USAGE);
  return { command: command as Command, email };
}

async function main(): Promise<void> {
  const { command, email } = parse(process.argv.slice(2));
  const role = ROLE_OF_COMMAND[command];
  const change = await withAccountsDatabase((db) => setUserRole(db, email, role));
  switch (change.kind) {
    case 'unknown':
      throw new Error(`No account has the e-mail ${email}: sign up with it first, then ${command} it.`);
    case 'unchanged':
      console.log(`${email} is already ${role}.`);
      return;
    case 'changed':
      console.log(`${email} is now ${role} (was ${change.from}). Tokens issued before keep their role until they expire.`);
      return;
  }
}

runCommand(main);
