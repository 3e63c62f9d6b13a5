export { ConfigError } from './config.error';
export {
  DEFAULT_BROKER_NAMESPACE,
  DEFAULT_DATABASE_SERVER_URL,
  DEFAULT_RABBITMQ_URL,
  type Environment,
  booleanSchema,
  listSchema,
  parseEnvironment,
  portSchema,
} from './env';
export {
  DEFAULT_JWKS_URL,
  LOG_LEVELS,
  type LogLevelName,
  type ServiceConfig,
  defaultDatabaseName,
  loadServiceConfig,
  redactUrl,
  resolveDatabaseUrl,
} from './service-config';
export { DEFAULT_BODY_LIMIT_BYTES, DEFAULT_OPERATION_LIMITS, type EdgeConfig, type OperationLimits } from './edge-config';
export { SERVICE_RUNTIME_ENV, serviceEntryPoint } from './service-runtime';
