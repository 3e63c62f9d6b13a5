import type { OtlpTraceRequest } from './span.record';

/**
 * Decodes an OTLP/HTTP protobuf trace export (`ExportTraceServiceRequest`) into the shape of its
 * JSON encoding, so one reader (`spansFromOtlpJson`) serves both. Only the fields Agora's span
 * records keep are read; the rest are skipped as protobuf allows. Hand-written because the
 * message is small and fixed, and the SDK ships an encoder only.
 * https://github.com/open-telemetry/opentelemetry-proto/blob/main/opentelemetry/proto/trace/v1/trace.proto
 */
export function otlpJsonFromProtobuf(bytes: Uint8Array): OtlpTraceRequest {
  const resourceSpans: NonNullable<OtlpTraceRequest['resourceSpans']> = [];
  for (const field of fieldsOf(bytes)) if (field.number === 1) resourceSpans.push(resourceSpansOf(bytesOf(field)));
  return { resourceSpans };
}

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_LENGTH_DELIMITED = 2;
const WIRE_FIXED32 = 5;

interface Field {
  readonly number: number;
  readonly wire: number;
  /** The varint's value (wire type 0). */
  readonly varint?: bigint;
  /** The raw bytes of a length-delimited, fixed64 or fixed32 field. */
  readonly bytes?: Uint8Array;
}

/** Reads one base-128 varint at `offset`; returns it with the offset after it. */
function readVarint(bytes: Uint8Array, offset: number): [bigint, number] {
  let value = 0n;
  let shift = 0n;
  for (const [index, byte] of bytes.subarray(offset).entries()) {
    value |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return [value, offset + index + 1];
    shift += 7n;
    if (shift > 63n) break;
  }
  throw new Error('malformed protobuf: truncated or overlong varint');
}

/** The fields of one message, in order. */
function* fieldsOf(bytes: Uint8Array): Generator<Field> {
  let offset = 0;
  while (offset < bytes.length) {
    const [tag, afterTag] = readVarint(bytes, offset);
    const number = Number(tag >> 3n);
    const wire = Number(tag & 7n);
    offset = afterTag;
    let size: number;
    if (wire === WIRE_VARINT) {
      const [varint, next] = readVarint(bytes, offset);
      offset = next;
      yield { number, wire, varint };
      continue;
    } else if (wire === WIRE_FIXED64) size = 8;
    else if (wire === WIRE_FIXED32) size = 4;
    else if (wire === WIRE_LENGTH_DELIMITED) {
      const [length, next] = readVarint(bytes, offset);
      offset = next;
      size = Number(length);
    } else throw new Error(`malformed protobuf: wire type ${wire} in field ${number}`);
    if (offset + size > bytes.length) throw new Error(`malformed protobuf: field ${number} runs past the end`);
    yield { number, wire, bytes: bytes.subarray(offset, offset + size) };
    offset += size;
  }
}

function bytesOf(field: Field): Uint8Array {
  if (field.wire !== WIRE_LENGTH_DELIMITED || !field.bytes)
    throw new Error(`malformed protobuf: field ${field.number} is not length-delimited`);
  return field.bytes;
}

function varintOf(field: Field): bigint {
  if (field.varint === undefined) throw new Error(`malformed protobuf: field ${field.number} is not a varint`);
  return field.varint;
}

function fixed64Of(field: Field): DataView {
  if (field.wire !== WIRE_FIXED64 || !field.bytes) throw new Error(`malformed protobuf: field ${field.number} is not fixed64`);
  return new DataView(field.bytes.buffer, field.bytes.byteOffset, 8);
}

const text = (field: Field) => Buffer.from(bytesOf(field)).toString('utf8');
const hex = (field: Field) => Buffer.from(bytesOf(field)).toString('hex');
/** Nanosecond timestamps as the JSON encoding writes them: decimal strings. */
const nanos = (field: Field) => fixed64Of(field).getBigUint64(0, true).toString();

type ResourceSpans = NonNullable<OtlpTraceRequest['resourceSpans']>[number];
type ScopeSpans = NonNullable<ResourceSpans['scopeSpans']>[number];
type Span = NonNullable<ScopeSpans['spans']>[number];
type KeyValue = NonNullable<Span['attributes']>[number];
type AnyValue = NonNullable<KeyValue['value']>;

function resourceSpansOf(bytes: Uint8Array): ResourceSpans {
  const attributes: KeyValue[] = [];
  const scopeSpans: ScopeSpans[] = [];
  for (const field of fieldsOf(bytes)) {
    if (field.number === 1) {
      for (const inner of fieldsOf(bytesOf(field))) if (inner.number === 1) attributes.push(keyValueOf(bytesOf(inner)));
    } else if (field.number === 2) {
      const spans: Span[] = [];
      for (const inner of fieldsOf(bytesOf(field))) if (inner.number === 2) spans.push(spanOf(bytesOf(inner)));
      scopeSpans.push({ spans });
    }
  }
  return { resource: { attributes }, scopeSpans };
}

function spanOf(bytes: Uint8Array): Span {
  const attributes: KeyValue[] = [];
  const events: NonNullable<Span['events']> = [];
  const links: NonNullable<Span['links']> = [];
  const span: Span = {
    traceId: '',
    spanId: '',
    name: '',
    startTimeUnixNano: '0',
    endTimeUnixNano: '0',
    attributes,
    events,
    links,
  };
  for (const field of fieldsOf(bytes)) {
    switch (field.number) {
      case 1:
        span.traceId = hex(field);
        break;
      case 2:
        span.spanId = hex(field);
        break;
      case 4:
        if (bytesOf(field).length > 0) span.parentSpanId = hex(field);
        break;
      case 5:
        span.name = text(field);
        break;
      case 6:
        span.kind = Number(varintOf(field));
        break;
      case 7:
        span.startTimeUnixNano = nanos(field);
        break;
      case 8:
        span.endTimeUnixNano = nanos(field);
        break;
      case 9:
        attributes.push(keyValueOf(bytesOf(field)));
        break;
      case 11:
        events.push(eventOf(bytesOf(field)));
        break;
      case 13:
        links.push(linkOf(bytesOf(field)));
        break;
      case 15:
        for (const inner of fieldsOf(bytesOf(field))) if (inner.number === 3) span.status = { code: Number(varintOf(inner)) };
        break;
    }
  }
  return span;
}

function eventOf(bytes: Uint8Array): NonNullable<Span['events']>[number] {
  const attributes: KeyValue[] = [];
  const event: NonNullable<Span['events']>[number] = { name: '', timeUnixNano: '0', attributes };
  for (const field of fieldsOf(bytes)) {
    if (field.number === 1) event.timeUnixNano = nanos(field);
    else if (field.number === 2) event.name = text(field);
    else if (field.number === 3) attributes.push(keyValueOf(bytesOf(field)));
  }
  return event;
}

function linkOf(bytes: Uint8Array): NonNullable<Span['links']>[number] {
  const link = { traceId: '', spanId: '' };
  for (const field of fieldsOf(bytes)) {
    if (field.number === 1) link.traceId = hex(field);
    else if (field.number === 2) link.spanId = hex(field);
  }
  return link;
}

function keyValueOf(bytes: Uint8Array): KeyValue {
  const keyValue: KeyValue = { key: '' };
  for (const field of fieldsOf(bytes)) {
    if (field.number === 1) keyValue.key = text(field);
    else if (field.number === 2) keyValue.value = anyValueOf(bytesOf(field));
  }
  return keyValue;
}

/** A value as the JSON encoding writes it; key-value lists and bytes are not kept by span records. */
function anyValueOf(bytes: Uint8Array): AnyValue {
  const value: AnyValue = {};
  for (const field of fieldsOf(bytes)) {
    if (field.number === 1) value.stringValue = text(field);
    else if (field.number === 2) value.boolValue = varintOf(field) !== 0n;
    // int64, two's complement in a 64-bit varint; a decimal string, as in the JSON encoding.
    else if (field.number === 3) value.intValue = BigInt.asIntN(64, varintOf(field)).toString();
    else if (field.number === 4) value.doubleValue = fixed64Of(field).getFloat64(0, true);
    else if (field.number === 5) {
      const values: AnyValue[] = [];
      for (const inner of fieldsOf(bytesOf(field))) if (inner.number === 1) values.push(anyValueOf(bytesOf(inner)));
      value.arrayValue = { values };
    }
  }
  return value;
}
