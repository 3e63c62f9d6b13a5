import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { AuthenticatedRequest } from './auth.middleware';
import type { Viewer } from './viewer';

/** The verified viewer of a GraphQL request, or undefined when it is anonymous. */
export const CurrentViewer = createParamDecorator((_data: unknown, context: ExecutionContext): Viewer | undefined => {
  const req = GqlExecutionContext.create(context).getContext<{ req: AuthenticatedRequest }>().req;
  return req.viewer;
});
