export { JsonLogger, type JsonLoggerOptions, LOG_LEVEL_ORDER, type LogLevel, type LogRecord, serializeError } from './json-logger';
export { acceptableCorrelationId, CORRELATION_HEADER, currentCorrelationId, withCorrelationId } from './correlation';
