export { KEEP_ALIVE_TIMEOUT_MS, runService, type RunServiceOptions, SHUTDOWN_TIMEOUT_MS } from './run-service';
export { StartupError } from './startup.error';
export { CorrelationModule, correlate } from './correlation.module';
