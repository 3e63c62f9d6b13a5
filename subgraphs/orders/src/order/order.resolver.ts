import { type AuthenticatedRequest, CurrentViewer, requireOwnerOrAdmin, requireViewer, type Viewer } from '@agora/auth';
import { UUID_PATTERN } from '@agora/contracts';
import { NotFoundError } from '@agora/graphql';
import { loadById, type SubgraphContext } from '@agora/subgraph';
import { Args, Context, ID, Mutation, Query, Resolver, ResolveReference } from '@nestjs/graphql';
import { PlaceOrderInput } from './dto/place-order.input';
import { Order } from './models/order.model';
import { toOrder } from './order.mapper';
import { type OrderWithItemsRow, OrderService } from './order.service';

@Resolver(() => Order)
export class OrderResolver {
  constructor(private readonly orders: OrderService) {}

  @Query(() => Order, { nullable: true, description: 'One order, for its owner or an ADMIN; null when no order has this id.' })
  async order(
    @Args('id', { type: () => ID }) id: string,
    @CurrentViewer() viewer: Viewer | undefined,
    @Context() context: SubgraphContext,
  ): Promise<Order | null> {
    requireViewer(viewer, 'read an order');
    const row = await this.load(context, id);
    if (!row) return null;
    requireOwnerOrAdmin(viewer, row.userId, 'read orders');
    return toOrder(row);
  }

  @Mutation(() => Order, {
    description: 'Places an order, PENDING until inventory reserves (CONFIRMED) or refuses (REJECTED) it; poll `order(id) { status }`.',
  })
  async placeOrder(@Args('input') input: PlaceOrderInput, @CurrentViewer() viewer: Viewer | undefined): Promise<Order> {
    const buyer = requireViewer(viewer, 'place an order');
    return toOrder(await this.orders.place(buyer.id, input.items));
  }

  @Mutation(() => Order, { description: 'Cancels a PENDING or CONFIRMED order; its owner or an ADMIN may. Reserved stock goes back.' })
  async cancelOrder(@Args('id', { type: () => ID }) id: string, @CurrentViewer() viewer: Viewer | undefined): Promise<Order> {
    const signedIn = requireViewer(viewer, 'cancel an order');
    if (!UUID_PATTERN.test(id)) throw new NotFoundError('Order', id);
    return toOrder(await this.orders.cancel(signedIn, id));
  }

  // `_entities` answers the same people as `order(id)`: the subgraph may be called directly.
  @ResolveReference()
  async resolveReference(reference: { id: string }, context: SubgraphContext): Promise<Order | null> {
    const row = await this.load(context, reference.id);
    if (!row) return null;
    requireOwnerOrAdmin((context.req as AuthenticatedRequest).viewer, row.userId, 'read orders');
    return toOrder(row);
  }

  /** One SQL statement for all the orders (and their items) a request needs. */
  private load(context: SubgraphContext, id: string): Promise<OrderWithItemsRow | null> {
    return loadById(context.req, 'orders', (ids) => this.orders.findByIds(ids), id);
  }
}
