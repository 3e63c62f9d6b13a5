import { CurrentViewer, requireOwnerOrAdmin, type Viewer } from '@agora/auth';
import { UUID_PATTERN } from '@agora/contracts';
import { type Connection, createdAtPosition, decodeCreatedAtCursor, pageSize, toConnection } from '@agora/subgraph';
import { Args, Int, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { OrderConnection } from './models/order-connection.model';
import type { Order } from './models/order.model';
import { User } from './models/user.model';
import { toOrder } from './order.mapper';
import { OrderService } from './order.service';

@Resolver(() => User)
export class UserOrdersResolver {
  constructor(private readonly orderService: OrderService) {}

  // Any id may have orders (none); accounts says whether the user exists.
  @ResolveReference()
  resolveReference(reference: { id: string }): User {
    return { id: reference.id };
  }

  @ResolveField(() => OrderConnection, {
    nullable: true,
    description: "The user's orders, newest first; only the user and ADMINs may read them.",
  })
  async orders(
    @Parent() user: User,
    @CurrentViewer() viewer: Viewer | undefined,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 20, description: '1 to 100.' }) first: number | null,
    @Args('after', { type: () => String, nullable: true, description: 'The endCursor of the previous page.' }) after: string | null,
  ): Promise<Connection<Order>> {
    requireOwnerOrAdmin(viewer, user.id, 'read orders');
    const size = pageSize(first);
    const position = after ? decodeCreatedAtCursor(after) : undefined;
    if (!UUID_PATTERN.test(user.id)) return toConnection([], size, 0, () => [], toOrder);
    const { rows, totalCount } = await this.orderService.pageOfUser({
      userId: user.id,
      limit: size + 1,
      after: position,
    });
    return toConnection(rows, size, totalCount, createdAtPosition, toOrder);
  }
}
