#!/usr/bin/env node
// Dead-letter queue tooling: `npm run dlq -- list|replay|purge <service> [--id <event id>]`.
// Reads RABBITMQ_URL, BROKER_NAMESPACE and INBOX_RETENTION_DAYS like the services do.
import { loadServiceConfig } from '@agora/config';
import { type DeadLetter, listDeadLetters, purgeDeadLetters, replayDeadLetters } from '@agora/messaging';

const USAGE = 'usage: npm run dlq -- list|replay|purge <service> [--id <event id>]';
const COMMANDS = ['list', 'replay', 'purge'] as const;
type Command = (typeof COMMANDS)[number];

function parse(argv: readonly string[]): { command: Command; service: string; eventId?: string } {
  const [command, service, ...rest] = argv;
  if (!COMMANDS.includes(command as Command) || !service) throw new Error(USAGE);
  const idIndex = rest.indexOf('--id');
  const eventId = idIndex >= 0 ? rest[idIndex + 1] : undefined;
  if (idIndex >= 0 && !eventId) throw new Error(USAGE);
  return { command: command as Command, service, ...(eventId ? { eventId } : {}) };
}

function show(letter: DeadLetter): string {
  return [
    `${letter.eventId || '(no id)'}  ${letter.type || letter.originalRoutingKey}`,
    `  reason:   ${letter.reason} after ${letter.attempts} attempt(s)${letter.parkedAt ? ` at ${letter.parkedAt}` : ''}`,
    `  error:    ${letter.error || '-'}`,
    `  routing:  ${letter.originalRoutingKey}`,
    `  body:     ${letter.body.length > 300 ? `${letter.body.slice(0, 300)}…` : letter.body}`,
  ].join('\n');
}

async function main(): Promise<void> {
  const { command, service, eventId } = parse(process.argv.slice(2));
  const config = loadServiceConfig(service, 0, process.env);
  const target = { url: config.broker.url, namespace: config.broker.namespace, service };
  const queue = `${target.namespace}.${service}.dlq`;
  switch (command) {
    case 'list': {
      const letters = (await listDeadLetters(target)).filter((letter) => !eventId || letter.eventId === eventId);
      console.log(letters.length ? letters.map(show).join('\n\n') : `${queue} is empty`);
      console.log(`\n${letters.length} parked message(s) in ${queue}`);
      return;
    }
    case 'replay': {
      const { replayed, refused } = await replayDeadLetters(target, {
        inboxRetentionMs: config.broker.inboxRetentionMs,
        ...(eventId ? { eventId } : {}),
      });
      for (const letter of replayed) console.log(`replayed ${letter.eventId}  ${letter.type}`);
      for (const letter of refused) {
        console.log(
          `refused  ${letter.eventId}  ${letter.type}: recorded ${letter.recordedAt}, before the inbox retention; ` +
            'it may have been applied already and its inbox row pruned. Purge it, or publish a new event.',
        );
      }
      console.log(`${replayed.length} message(s) sent back to ${target.namespace}.${service}, ${refused.length} refused`);
      return;
    }
    case 'purge':
      console.log(`purged ${await purgeDeadLetters(target, eventId)} message(s) from ${queue}`);
      return;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
