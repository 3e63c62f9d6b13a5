export { addDeliveryEvent, withConsumeSpan, withInboxSpan, withPublishSpan, withRecordSpan } from './messaging.spans';
export { currentTraceparent, extractTraceContext, injectTraceContext, spanContextOf, TRACEPARENT, TRACESTATE } from './trace-context';
