import type { LoggerService } from '@nestjs/common';
import { activeSpanIds } from '@agora/telemetry';
import { currentCorrelationId } from './correlation';

export const LOG_LEVEL_ORDER = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevel = (typeof LOG_LEVEL_ORDER)[number];

/**
 * Nest's start-up chatter (one line per module and route) is useful when debugging wiring, not
 * in every start; it is logged at `debug`.
 */
const FRAMEWORK_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'GraphQLModule']);

/** One structured log line. Extra fields come from an object passed as the last parameter. */
export interface LogRecord {
  readonly time: string;
  readonly level: LogLevel;
  readonly service: string;
  readonly context?: string;
  readonly msg: string;
  readonly [field: string]: unknown;
}

export interface JsonLoggerOptions {
  readonly service: string;
  /** The most verbose level written; everything less severe is dropped. */
  readonly level?: LogLevel;
  /** Where lines go; standard output by default. */
  readonly write?: (line: string) => void;
}

/**
 * A NestJS logger that writes one JSON object per line, so that log collectors parse it and the
 * `npm start` launcher can render it readably. Never throws: logging must not take a service down.
 */
export class JsonLogger implements LoggerService {
  private readonly threshold: number;
  private readonly write: (line: string) => void;

  constructor(private readonly options: JsonLoggerOptions) {
    this.threshold = LOG_LEVEL_ORDER.indexOf(options.level ?? 'log');
    this.write = options.write ?? ((line) => process.stdout.write(`${line}\n`));
  }

  log(message: unknown, ...params: unknown[]): void {
    this.print('log', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.print('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.print('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.print('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.print('verbose', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.print('fatal', message, params);
  }

  isEnabled(level: LogLevel): boolean {
    return LOG_LEVEL_ORDER.indexOf(level) <= this.threshold;
  }

  private print(requested: LogLevel, message: unknown, params: unknown[]): void {
    // Nest passes the context as the last string parameter, and for errors a stack before it.
    const rest = [...params];
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const level = requested === 'log' && context && FRAMEWORK_CONTEXTS.has(context) ? 'debug' : requested;
    if (!this.isEnabled(level)) return;
    const fields: Record<string, unknown> = {};
    for (const param of rest) {
      if (typeof param === 'string') fields.stack = param;
      else if (param instanceof Error) fields.err = serializeError(param);
      else if (param && typeof param === 'object') Object.assign(fields, param);
    }
    const correlationId = currentCorrelationId();
    // The span in progress, so a log line leads to its place in the trace (absent when tracing is off).
    const span = activeSpanIds();
    const record: LogRecord = {
      time: new Date().toISOString(),
      level,
      service: this.options.service,
      ...(context ? { context } : {}),
      ...(correlationId ? { correlationId } : {}),
      ...span,
      msg: message instanceof Error ? message.message : typeof message === 'string' ? message : safeJson(message),
      ...(message instanceof Error ? { err: serializeError(message) } : {}),
      ...fields,
    };
    try {
      this.write(JSON.stringify(record));
    } catch {
      this.write(JSON.stringify({ time: record.time, level, service: record.service, msg: String(record.msg) }));
    }
  }
}

export function serializeError(error: Error): Record<string, unknown> {
  return {
    type: error.name,
    message: error.message,
    stack: error.stack,
    ...(error.cause instanceof Error ? { cause: serializeError(error.cause) } : {}),
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
