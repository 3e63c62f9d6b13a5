import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { otlpJsonFromProtobuf } from './otlp.protobuf';
import { type OtlpTraceRequest, type SpanRecord, spansFromOtlpJson } from './span.record';

/** A larger export is refused: the SDK's batches stay far below it (512 spans by default). */
export const MAX_EXPORT_BYTES = 8 * 1024 * 1024;
const TRACES_PATH = '/v1/traces';
/** Other signals are acknowledged and dropped, so an SDK configured to send them does not retry. */
const IGNORED_PATHS = new Set(['/v1/metrics', '/v1/logs']);

export interface OtlpReceiver {
  /** The value for `OTEL_EXPORTER_OTLP_ENDPOINT`. */
  readonly endpoint: string;
  close(): Promise<void>;
}

/** The two encodings of OTLP/HTTP, by the content type the exporter sends. */
const ENCODINGS = {
  'application/json': (body: Buffer) => JSON.parse(body.toString('utf8')) as OtlpTraceRequest,
  'application/x-protobuf': (body: Buffer) => otlpJsonFromProtobuf(body),
} as const;
type ContentType = keyof typeof ENCODINGS;

/**
 * A minimal OTLP/HTTP receiver for traces in either encoding (`OTEL_EXPORTER_OTLP_PROTOCOL=
 * http/protobuf`, the SDK's default, or `http/json`), on 127.0.0.1. Enough for `npm start`'s local
 * trace store and for tests; a real deployment sends to a collector or Jaeger instead.
 */
export async function startOtlpReceiver(options: {
  readonly port?: number;
  readonly onSpans: (spans: SpanRecord[]) => void;
}): Promise<OtlpReceiver> {
  const server = createServer((request, response) => void receive(request, response, options.onSpans));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { endpoint: `http://127.0.0.1:${port}`, close: () => close(server) };
}

async function receive(request: IncomingMessage, response: ServerResponse, onSpans: (spans: SpanRecord[]) => void): Promise<void> {
  const path = request.url?.split('?', 1)[0] ?? '';
  if (request.method !== 'POST' || (path !== TRACES_PATH && !IGNORED_PATHS.has(path))) {
    return void response.writeHead(404).end();
  }
  // `application/x-protobuf`, `application/json; charset=utf-8`: the media type without parameters.
  const contentType = (String(request.headers['content-type'] ?? '').split(';', 1)[0] ?? '').trim().toLowerCase();
  if (!(contentType in ENCODINGS)) {
    return void response
      .writeHead(415, { 'content-type': 'text/plain' })
      .end('only OTLP/HTTP is accepted: application/x-protobuf (http/protobuf) or application/json (http/json)');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_EXPORT_BYTES) return void response.writeHead(413).end();
    chunks.push(chunk);
  }
  try {
    if (path === TRACES_PATH) onSpans(spansFromOtlpJson(ENCODINGS[contentType as ContentType](Buffer.concat(chunks))));
    // An empty ExportTraceServiceResponse: `{}` in JSON, no bytes at all in protobuf.
    response.writeHead(200, { 'content-type': contentType }).end(contentType === 'application/json' ? '{}' : undefined);
  } catch (error) {
    response.writeHead(400, { 'content-type': 'text/plain' }).end((error as Error).message);
  }
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
