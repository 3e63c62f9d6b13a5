import { OrderPlaced, type EventOf, ProductCreated } from '@agora/contracts';
import { type EventContext, OnEvent } from '../../src';
import { Controller, Inject, Injectable } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { sql } from 'drizzle-orm';

export const BEHAVIOUR = Symbol('BEHAVIOUR');

/** What the test handler does, changed by tests while the app runs. */
@Injectable()
export class Behaviour {
  /** Name written with each effect, to tell instances apart. */
  instance = 'a';
  /** While set, every OrderPlaced handling throws this message. */
  failWith?: string;
  /** When set, each OrderPlaced also records a ProductCreated follow-up. */
  recordFollowUp = false;
  /** OrderPlaced events this returns true for always throw: poison for this handler. */
  isPoison: (event: EventOf<typeof OrderPlaced>) => boolean = () => false;
  /** While set, each OrderPlaced waits for it inside its transaction (holding its connection). */
  gate?: Promise<void>;
  /** Handlers waiting at the gate now. */
  waiting = 0;
  attempts = 0;
}

/** Writes one `test_effects` row per applied event, in the transaction it is given. */
@Controller()
export class EffectsHandler {
  constructor(@Inject(BEHAVIOUR) private readonly behaviour: Behaviour) {}

  @OnEvent(OrderPlaced)
  async onOrderPlaced(@Payload() event: EventOf<typeof OrderPlaced>, @Ctx() ctx: EventContext): Promise<void> {
    this.behaviour.attempts += 1;
    await ctx.tx.execute(
      sql`INSERT INTO test_effects (event_id, instance, payload) VALUES (${ctx.envelope.id}, ${this.behaviour.instance}, ${JSON.stringify(event)}::jsonb)`,
    );
    if (this.behaviour.gate) {
      this.behaviour.waiting += 1;
      await this.behaviour.gate.finally(() => (this.behaviour.waiting -= 1));
    }
    if (this.behaviour.failWith) throw new Error(this.behaviour.failWith);
    if (this.behaviour.isPoison(event)) throw new Error(`poison order ${event.orderId}`);
    if (this.behaviour.recordFollowUp) {
      await ctx.record(ProductCreated, {
        productId: event.items[0]!.productId,
        name: 'follow-up',
        description: '',
        priceCents: 1,
        createdAt: new Date().toISOString(),
      });
    }
  }
}

/** A second service that only counts ProductCreated, to see follow-ups arrive. */
@Controller()
export class ProductsHandler {
  @OnEvent(ProductCreated)
  async onProductCreated(@Payload() event: EventOf<typeof ProductCreated>, @Ctx() ctx: EventContext): Promise<void> {
    await ctx.tx.execute(
      sql`INSERT INTO test_effects (event_id, instance, payload) VALUES (${ctx.envelope.id}, 'products', ${JSON.stringify({ ...event, envelope: ctx.envelope })}::jsonb)`,
    );
  }
}
