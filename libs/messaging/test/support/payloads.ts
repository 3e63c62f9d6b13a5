import { type EventOf, OrderPlaced, uuidv7 } from '@agora/contracts';
import { Behaviour, BEHAVIOUR } from './effects.handler';

export function orderPlaced(overrides: Partial<EventOf<typeof OrderPlaced>> = {}): EventOf<typeof OrderPlaced> {
  return {
    orderId: uuidv7(),
    userId: uuidv7(),
    items: [{ productId: uuidv7(), quantity: 2, unitPriceCents: 450 }],
    totalCents: 900,
    placedAt: new Date().toISOString(),
    ...overrides,
  };
}

export function behaviourProvider(behaviour: Behaviour = new Behaviour()) {
  return { behaviour, providers: [{ provide: BEHAVIOUR, useValue: behaviour }] };
}
