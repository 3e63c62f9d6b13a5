import type { AnyEventContract } from '@agora/contracts';
import { EventPattern } from '@nestjs/microservices';

/**
 * `@OnEvent(OrderPlaced)`: handles one contract's events; the same as
 * `@EventPattern(OrderPlaced.type)`, whose typings reject a handler that takes a typed `@Ctx()`
 * when the pattern is a string literal (they infer the pattern as a key of an event map).
 */
export function OnEvent(contract: AnyEventContract): MethodDecorator {
  return EventPattern<string>(contract.type);
}
