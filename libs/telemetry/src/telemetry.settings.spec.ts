import { isTelemetryEnabled, serviceNameOf } from './telemetry.settings';

describe('telemetry settings', () => {
  it('are off when no OTLP endpoint is set', () => {
    expect(isTelemetryEnabled({})).toBe(false);
    expect(isTelemetryEnabled({ OTEL_SERVICE_NAME: 'orders', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' })).toBe(false);
  });

  it('are on with an endpoint for all signals or for traces', () => {
    expect(isTelemetryEnabled({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318' })).toBe(true);
    expect(isTelemetryEnabled({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://localhost:4318/v1/traces' })).toBe(true);
  });

  it('are off when OTEL_SDK_DISABLED says so, whatever the endpoint', () => {
    expect(isTelemetryEnabled({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4318', OTEL_SDK_DISABLED: 'true' })).toBe(false);
  });

  it('name the service after its folder', () => {
    expect(serviceNameOf('/app/dist/services/orders.js')).toBe('orders');
    expect(serviceNameOf('/src/agora/dist/services/gateway.js')).toBe('gateway');
    expect(serviceNameOf('/app/dist/subgraphs/orders/src/main.js')).toBe('orders');
    expect(serviceNameOf('dist/gateway/src/main.js')).toBe('gateway');
    expect(serviceNameOf(undefined)).toBe('agora');
  });
});
