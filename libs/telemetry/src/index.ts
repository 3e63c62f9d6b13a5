export { activeSpanIds, annotateActiveSpan, flushTelemetry, FLUSH_TIMEOUT_MS, injectTraceHeaders, tagCorrelationId } from './active-span';
export {
  CORRELATION_ID_ATTRIBUTE,
  isTelemetryEnabled,
  OTLP_ENDPOINT_VARIABLES,
  serviceNameOf,
  TELEMETRY_REGISTER_MODULE,
  telemetryNodeArguments,
} from './telemetry.settings';
export { MAX_EXPORT_BYTES, type OtlpReceiver, startOtlpReceiver } from './otlp/otlp.receiver';
export { causalOrder, renderWaterfall, sagaSpans } from './otlp/saga.waterfall';
export { DEFAULT_SPAN_STORE_BYTES, readStoredSpans, SpanFileStore } from './otlp/span-file.store';
export { type SpanRecord, spansFromOtlpJson } from './otlp/span.record';
