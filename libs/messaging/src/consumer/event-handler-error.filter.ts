import { type ArgumentsHost, Catch, type RpcExceptionFilter } from '@nestjs/common';
import { type Observable, throwError } from 'rxjs';

/**
 * Nest's default RPC filter replaces a handler's error with "Internal server error". The consumer
 * needs the real error to write it into the retry and dead-letter headers, so this filter, set on
 * the messaging microservice only, passes every error through unchanged.
 */
@Catch()
export class EventHandlerErrorFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}
