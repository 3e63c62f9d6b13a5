import 'reflect-metadata';
import type { Server } from 'node:http';
import { ConfigError, type ServiceConfig } from '@agora/config';
import { JsonLogger } from '@agora/logging';
import { MetricsModule } from '@agora/metrics';
import { type DynamicModule, type INestApplication, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Express } from 'express';
import { CorrelationModule } from './correlation.module';
import { readJsonBodies } from './request-body';
import { StartupError } from './startup.error';
import { TelemetryFlushModule } from './telemetry-flush.module';
import { releaseYoungGeneration } from './young-generation';

/** Wraps a service's own root module with what every service has. */
@Module({})
class ServiceRootModule {}

/** How long a stopping service may take to finish in-flight work before it is forced out. */
export const SHUTDOWN_TIMEOUT_MS = 15_000;
/**
 * How long an idle keep-alive connection stays open (announced as `Keep-Alive: timeout=65`). Node's
 * default, 5 s, is shorter than what load balancers and clients keep (AWS's load balancers 60 s),
 * so a request sent on a connection the service is just closing fails with a reset; the side that
 * keeps connections longer must be the server. A stopping service still closes idle ones at once.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export interface RunServiceOptions<Config extends ServiceConfig> {
  /** Reads and validates the environment; throwing a ConfigError stops the start with its message. */
  readonly loadConfig: () => Config;
  /** The app's root module, built from its configuration. */
  readonly module: (config: Config) => DynamicModule | Type;
  /** Work before the app is created, such as creating and migrating the database. */
  readonly beforeStart?: (config: Config, logger: JsonLogger) => Promise<void>;
  /** Adjusts the created app (CORS, …) before it listens; what it adds runs before the body is read. */
  readonly configure?: (app: INestApplication, config: Config) => void;
  /** The path printed in the "ready" log line. */
  readonly readyPath?: string;
}

/**
 * Starts one Agora service: configuration, structured logs, the Nest app on its port, and
 * graceful shutdown on SIGTERM/SIGINT. A start-up failure is logged as one readable `fatal`
 * line and the process exits with status 1, so a supervisor sees it at once.
 */
export async function runService<Config extends ServiceConfig>(options: RunServiceOptions<Config>): Promise<INestApplication> {
  let config: Config;
  try {
    config = options.loadConfig();
  } catch (error) {
    return fail(new JsonLogger({ service: process.env.npm_package_name ?? 'agora' }), error);
  }
  const logger = new JsonLogger({ service: config.service, level: config.logLevel });
  try {
    await options.beforeStart?.(config, logger);
    const root = { module: ServiceRootModule, imports: [CorrelationModule, MetricsModule, TelemetryFlushModule, options.module(config)] };
    const app = await NestFactory.create<NestExpressApplication>(root, {
      logger,
      bufferLogs: true,
      abortOnError: false,
      bodyParser: false,
    });
    app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
    // req.ip: the client address, taken from X-Forwarded-For only as far as trusted proxies wrote it.
    (app.getHttpAdapter().getInstance() as Express).set('trust proxy', config.trustProxy === false ? false : [...config.trustProxy]);
    options.configure?.(app, config);
    readJsonBodies(app, config.edge.bodyLimitBytes);
    process.once('SIGTERM', () => forceExitAfterTimeout(logger));
    process.once('SIGINT', () => forceExitAfterTimeout(logger));
    await listen(app, config);
    // Loaded and listening: from here the young generation grows as traffic needs it.
    releaseYoungGeneration();
    const url = `http://localhost:${config.port}${options.readyPath ?? ''}`;
    logger.log(`${config.service} is ready at ${url}`, { url, port: config.port }, 'Bootstrap');
    return app;
  } catch (error) {
    return fail(logger, error);
  }
}

async function listen(app: INestApplication, config: ServiceConfig): Promise<void> {
  try {
    await app.listen(config.port, config.host);
    const server = app.getHttpServer() as Server;
    server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
    // Longer than the idle timeout, as Node asks, so a request arriving on a kept connection is not cut.
    server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new StartupError(
        `port ${config.port} is already in use. Is ${config.service} already running (another npm start)? ` +
          'Stop it, or set PORT to another port.',
        error,
      );
    }
    throw error;
  }
}

function forceExitAfterTimeout(logger: JsonLogger): void {
  setTimeout(() => {
    logger.error(`shutdown took longer than ${SHUTDOWN_TIMEOUT_MS} ms; exiting anyway`, 'Bootstrap');
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS).unref();
}

function fail(logger: JsonLogger, error: unknown): never {
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  logger.fatal(`failed to start: ${message}`, error instanceof Error ? { err: { type: error.name, stack: error.stack } } : {}, 'Bootstrap');
  process.exit(1);
}
