import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode } from './error-codes';

export interface FormatErrorOptions {
  /** In production an unexpected error's message and stack are hidden from clients. */
  readonly production: boolean;
  /** Called with every unexpected (non-domain) error, to log it. */
  readonly onInternalError?: (formatted: GraphQLFormattedError, original: unknown) => void;
  /**
   * Recognises errors of a dependency that is down (the service's database) and returns the
   * message to show instead, with `SERVICE_UNAVAILABLE`: the client should retry, not report a bug.
   */
  readonly unavailable?: (original: unknown) => string | undefined;
}

const KNOWN_CODES = new Set<string>(Object.values(ErrorCode));
/** Codes Apollo Server itself sets for a malformed request; they are the client's to fix. */
const CLIENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * Every error leaves with an `extensions.code`. Errors of the catalogue and Apollo's request
 * errors keep their message; anything else is an internal error: logged in full, and in
 * production shown to the client only as a generic message.
 */
export function createFormatError(options: FormatErrorOptions) {
  return (given: GraphQLFormattedError, original: unknown): GraphQLFormattedError => {
    const formatted = withRuleCode(given, original);
    const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : undefined;
    if (code && (KNOWN_CODES.has(code) || CLIENT_CODES.has(code)) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      return withoutStack(formatted, options.production);
    }
    const unavailable = options.unavailable?.(original);
    if (unavailable) {
      return {
        message: unavailable,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
      };
    }
    options.onInternalError?.(formatted, original);
    if (!options.production) {
      return { ...formatted, extensions: { ...formatted.extensions, code: code ?? ErrorCode.INTERNAL_SERVER_ERROR } };
    }
    return {
      message: 'Internal server error. The error was logged; retry later or report it with the time of the request.',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

/**
 * Apollo labels every validation error GRAPHQL_VALIDATION_FAILED, including those our own rules
 * raise (the operation limits); such a rule's catalogued code is the one the client sees.
 */
function withRuleCode(formatted: GraphQLFormattedError, original: unknown): GraphQLFormattedError {
  if (formatted.extensions?.code !== 'GRAPHQL_VALIDATION_FAILED' || !(original instanceof GraphQLError)) return formatted;
  const ruleCode = original.originalError instanceof GraphQLError ? original.originalError.extensions.code : undefined;
  if (typeof ruleCode !== 'string' || !KNOWN_CODES.has(ruleCode)) return formatted;
  return { ...formatted, extensions: { ...formatted.extensions, code: ruleCode } };
}

function withoutStack(formatted: GraphQLFormattedError, production: boolean): GraphQLFormattedError {
  if (!production || !formatted.extensions?.stacktrace) return formatted;
  const { stacktrace: _stacktrace, ...extensions } = formatted.extensions;
  return { ...formatted, extensions };
}
