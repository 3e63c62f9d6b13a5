export { activeSpanIds, flushTelemetry, injectTraceHeaders, tagCorrelationId } from './active-span';
export {
  CORRELATION_ID_ATTRIBUTE,
  isTelemetryDisabled,
  isTelemetryEnabled,
  OTLP_ENDPOINT_VARIABLES,
  serviceNameOf,
  TELEMETRY_REGISTER_MODULE,
  telemetryNodeArguments,
} from './telemetry.settings';
export { type OtlpReceiver, startOtlpReceiver } from './otlp/otlp.receiver';
export { renderWaterfall, sagaSpans } from './otlp/saga.waterfall';
export { readStoredSpans, SpanFileStore } from './otlp/span-file.store';
export { type SpanRecord, spansFromOtlpJson } from './otlp/span.record';
