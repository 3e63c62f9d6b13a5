import type { OperationLimits } from '@agora/config';

/** How much larger than a client's operation the gateway's fetch from one subgraph may grow. */
export const SUBGRAPH_LIMIT_SLACK = {
  /** `_entities` and the type condition wrap what the client nested. */
  depth: 2,
  /** The query planner aliases fields it must fetch twice with other arguments. */
  factor: 4,
} as const;

/**
 * The limits a subgraph applies to every operation it receives, derived from the gateway's
 * (the same variables): the gateway refuses precisely, with the client's operation in hand; a
 * subgraph is the last guard, so that even an operation that reached it some other way cannot
 * make it materialise an unbounded result. The gateway's fetches are parts of an operation the
 * gateway accepted (plus keys and `__typename`), so they stay within these looser bounds.
 */
export function subgraphLimits(limits: OperationLimits): OperationLimits {
  return {
    depth: limits.depth + SUBGRAPH_LIMIT_SLACK.depth,
    aliases: limits.aliases * SUBGRAPH_LIMIT_SLACK.factor,
    rootFields: limits.rootFields * SUBGRAPH_LIMIT_SLACK.factor,
    directives: limits.directives * SUBGRAPH_LIMIT_SLACK.factor,
    tokens: limits.tokens * SUBGRAPH_LIMIT_SLACK.factor,
    cost: limits.cost * SUBGRAPH_LIMIT_SLACK.factor,
  };
}
