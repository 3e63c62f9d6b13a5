import { ErrorCode } from '@agora/graphql';
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
        return refuse(
          res,
          413,
          `The request body is larger than ${limitBytes} bytes; send a smaller operation.`,
          ErrorCode.PAYLOAD_TOO_LARGE,
        );
      case 'entity.parse.failed':
      case 'encoding.unsupported':
      case 'charset.unsupported':
        return refuse(
          res,
          error.status ?? 400,
          'The request body is not readable JSON; send {"query": "…", "variables": {…}}.',
          'BAD_REQUEST',
        );
      default:
        return next(error);
    }
  });
}

function refuse(res: Response, status: number, message: string, code: string): void {
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}
