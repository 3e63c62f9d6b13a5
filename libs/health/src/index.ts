export { HealthController } from './health.controller';
export { HealthModule } from './health.module';
export { type CheckResult, HealthRegistry, READINESS_CHECK_TIMEOUT_MS, type ReadinessCheck, type ReadinessReport } from './health.registry';
