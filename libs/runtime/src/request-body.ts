import { ErrorCode, refuseRequest } from '@agora/graphql';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** What body-parser's errors carry (https://github.com/expressjs/body-parser#errors). */
interface BodyParserError {
  readonly type?: string;
  readonly status?: number;
}

/**
 * Reads JSON request bodies up to `limitBytes`. A larger body is refused with 413 and a
 * GraphQL-shaped PAYLOAD_TOO_LARGE error, without reading it past the limit (a declared
 * Content-Length over it is refused before reading at all); malformed JSON gets 400 BAD_REQUEST.
 * Registered instead of Nest's default parsers (whose limit is 100 kB and whose errors are HTML).
 */
export function readJsonBodies(app: NestExpressApplication, limitBytes: number): void {
  app.useBodyParser('json', { limit: limitBytes });
  app.use((error: BodyParserError, _req: Request, res: Response, next: NextFunction) => {
    switch (error?.type) {
      case 'entity.too.large':
        return refuseRequest(res, 413, `The request body is larger than ${limitBytes} bytes; send a smaller operation.`, {
          code: ErrorCode.PAYLOAD_TOO_LARGE,
        });
      case 'entity.parse.failed':
      case 'encoding.unsupported':
      case 'charset.unsupported':
        return refuseRequest(res, error.status ?? 400, 'The request body is not readable JSON; send {"query": "…", "variables": {…}}.', {
          code: 'BAD_REQUEST',
        });
      default:
        return next(error);
    }
  });
}
