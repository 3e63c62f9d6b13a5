import { loadServiceConfig } from '@agora/config';
import { type EventCatalogue } from '@agora/contracts';
import { decodeMessage, MESSAGING_OPTIONS, type ResolvedMessagingOptions } from '@agora/messaging';
import { subgraphAppModule, type SubgraphDefinition } from '@agora/subgraph';
import { MODULE_METADATA } from '@nestjs/common/constants.js';
import { PATTERN_METADATA } from '@nestjs/microservices/constants.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadAccountsSettings } from '../../subgraphs/accounts/src/accounts.settings';
import { accountsSubgraph } from '../../subgraphs/accounts/src/accounts.subgraph';
import { catalogSubgraph } from '../../subgraphs/catalog/src/catalog.subgraph';
import { inventorySubgraph } from '../../subgraphs/inventory/src/inventory.subgraph';
import { notificationsSubgraph } from '../../subgraphs/notifications/src/notifications.subgraph';
import { ordersSubgraph } from '../../subgraphs/orders/src/orders.subgraph';
import { reviewsSubgraph } from '../../subgraphs/reviews/src/reviews.subgraph';
import { listSubgraphs } from '../../tools/services';

/**
 * Consumers keep accepting older producers: every envelope recorded in contracts/fixtures (the
 * shape producers have sent, and messages already in queues still have) goes through the decoding
 * and validation each consuming subgraph applies before its handler runs. A contract change that
 * would park those messages fails here; make it a new `.v<N+1>` event type instead.
 */
const SUBGRAPHS: readonly SubgraphDefinition[] = [
  accountsSubgraph(loadAccountsSettings({})),
  catalogSubgraph,
  inventorySubgraph,
  notificationsSubgraph,
  ordersSubgraph,
  reviewsSubgraph,
];

type NestModule = {
  readonly module?: unknown;
  readonly imports?: unknown[];
  readonly controllers?: unknown[];
  readonly providers?: unknown[];
};

/** What a subgraph's consumer is wired with: the event types its handlers declare, and its messaging options. */
interface Consumer {
  readonly service: string;
  readonly handledTypes: readonly string[];
  readonly catalogue: EventCatalogue;
}

/** Walks the subgraph's module tree as Nest would, collecting `@OnEvent` patterns and the messaging options. */
function consumerOf(definition: SubgraphDefinition): Consumer {
  const root = subgraphAppModule(definition, loadServiceConfig(definition.name, definition.defaultPort, {}));
  const handledTypes = new Set<string>();
  let options: ResolvedMessagingOptions | undefined;
  const visited = new Set<unknown>();
  const visit = (node: unknown): void => {
    if (!node || visited.has(node) || (typeof node !== 'function' && typeof node !== 'object')) return;
    visited.add(node);
    const dynamic = (typeof node === 'object' ? node : {}) as NestModule;
    const moduleClass = typeof node === 'function' ? node : dynamic.module;
    const metadata = (key: string): unknown[] => (typeof moduleClass === 'function' ? (Reflect.getMetadata(key, moduleClass) ?? []) : []);
    for (const provider of [...metadata(MODULE_METADATA.PROVIDERS), ...(dynamic.providers ?? [])]) {
      const value = provider as { provide?: unknown; useValue?: ResolvedMessagingOptions };
      if (value?.provide === MESSAGING_OPTIONS) options = value.useValue;
    }
    for (const controller of [...metadata(MODULE_METADATA.CONTROLLERS), ...(dynamic.controllers ?? [])]) {
      const prototype = (controller as { prototype: Record<string, unknown> }).prototype;
      for (const method of Object.getOwnPropertyNames(prototype)) {
        const patterns: unknown[] = Reflect.getMetadata(PATTERN_METADATA, prototype[method] as object) ?? [];
        for (const pattern of patterns) handledTypes.add(String(pattern));
      }
    }
    for (const imported of [...metadata(MODULE_METADATA.IMPORTS), ...(dynamic.imports ?? [])]) visit(imported);
  };
  visit(root);
  if (!options) throw new Error(`${definition.name} has no MessagingModule options`);
  return { service: definition.name, handledTypes: [...handledTypes].sort(), catalogue: options.catalogue };
}

function fixture(type: string): Buffer {
  return readFileSync(path.join('contracts/fixtures', `${type}.json`));
}

const consumers = SUBGRAPHS.map(consumerOf);
const deliveries = consumers.flatMap((consumer) => consumer.handledTypes.map((type) => ({ ...consumer, type })));

describe('recorded events replayed through their consumers', () => {
  it('covers every subgraph and finds their handlers', () => {
    expect(SUBGRAPHS.map((definition) => definition.name).sort()).toEqual(
      listSubgraphs()
        .map((service) => service.name)
        .sort(),
    );
    expect(consumers.find((consumer) => consumer.service === 'inventory')?.handledTypes).toContain('orders.order.placed.v1');
    expect(consumers.find((consumer) => consumer.service === 'notifications')?.handledTypes).toContain('accounts.user.registered.v1');
  });

  it.each(deliveries.map((delivery) => [delivery.service, delivery.type, delivery] as const))(
    '%s accepts the recorded %s',
    (_service, type, delivery) => {
      const decoded = decodeMessage(fixture(type), delivery.catalogue);
      expect(decoded.kind === 'invalid' ? decoded.detail : decoded.kind).toBe('event');
      expect(decoded.kind === 'event' && decoded.envelope.type).toBe(type);
    },
  );
});
