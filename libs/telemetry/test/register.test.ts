import { TELEMETRY_REGISTER_MODULE } from '../src/telemetry.settings';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** Prints the class of the tracer provider the process ended up with. */
const PROBE =
  "const { trace } = await import('@opentelemetry/api'); console.log(trace.getTracerProvider().getDelegate().constructor.name);";

/** Runs the probe as a service is run, loading telemetry first, with only the given OTEL_* variables. */
async function tracerProviderWith(otel: Record<string, string>): Promise<string> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('OTEL_')));
  const register = pathToFileURL(path.join(process.cwd(), TELEMETRY_REGISTER_MODULE)).href;
  const { stdout } = await run(process.execPath, ['--import', register, '--input-type=module', '-e', PROBE], {
    env: { ...env, ...otel },
    timeout: 20_000,
  });
  return stdout.trim();
}

describe('loading telemetry before a service', () => {
  it('starts no SDK when no OTLP endpoint is set, so nothing is recorded or exported', async () => {
    expect(await tracerProviderWith({})).toBe('NoopTracerProvider');
    expect(await tracerProviderWith({ OTEL_SERVICE_NAME: 'orders', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json' })).toBe('NoopTracerProvider');
  });

  it('starts the SDK when an endpoint is set, unless OTEL_SDK_DISABLED says otherwise', async () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' };
    expect(await tracerProviderWith(endpoint)).not.toBe('NoopTracerProvider');
    expect(await tracerProviderWith({ ...endpoint, OTEL_SDK_DISABLED: 'true' })).toBe('NoopTracerProvider');
  });
});
