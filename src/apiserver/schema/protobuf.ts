// Reads request bodies in Kubernetes' protobuf form
// (Content-Type: application/vnd.kubernetes.protobuf), which kubectl's typed
// clients send (`kubectl create namespace`, `create configmap`, drain's
// evictions...), into the JSON shape every other code path uses. The field
// numbers come from the schema definitions; protobufjs does the wire reading.
import protobuf from 'protobufjs';
import { jsonFields, type FieldDef, type SchemaSet, type TypeRef } from './types.js';

const { Reader } = protobuf;
type Reader = protobuf.Reader;

/** Every protobuf-encoded Kubernetes object starts with these four bytes. */
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

const WIRE_VARINT = 0;
const WIRE_LENGTH_DELIMITED = 2;

export class ProtobufError extends Error {
  override name = 'ProtobufError';
}

export interface DecodedEnvelope {
  apiVersion: string;
  kind: string;
  raw: Uint8Array;
}

/** Splits the envelope (magic + runtime.Unknown{typeMeta, raw}) from the object bytes. */
export function decodeEnvelope(body: Buffer): DecodedEnvelope {
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC)) throw new ProtobufError('provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]');
  const reader = Reader.create(body.subarray(4));
  const out: DecodedEnvelope = { apiVersion: '', kind: '', raw: new Uint8Array() };
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    const field = tag >>> 3;
    if (field === 1) {
      const end = reader.uint32() + reader.pos;
      while (reader.pos < end) {
        const t = reader.uint32();
        if (t >>> 3 === 1) out.apiVersion = reader.string();
        else if (t >>> 3 === 2) out.kind = reader.string();
        else reader.skipType(t & 7);
      }
    } else if (field === 2) out.raw = reader.bytes();
    else reader.skipType(tag & 7);
  }
  return out;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function formatTime(seconds: number, nanos: number, micro: boolean): string {
  const d = new Date(seconds * 1000);
  const base = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return micro ? `${base}.${pad(Math.floor(nanos / 1000), 6)}Z` : `${base}Z`;
}

export class ProtobufDecoder {
  constructor(private readonly schemas: SchemaSet) {}

  /** Decodes the object bytes of type `typeName` into its JSON form. */
  decode(bytes: Uint8Array, typeName: string): Record<string, unknown> {
    const reader = Reader.create(bytes);
    return this.readStruct(reader, reader.len, typeName);
  }

  private readStruct(reader: Reader, end: number, typeName: string): Record<string, unknown> {
    const def = this.schemas[typeName];
    if (!def) throw new ProtobufError(`no schema for ${typeName}`);
    const byNumber = new Map(def.fields.map((f) => [f.proto, f]));
    const out: Record<string, unknown> = {};
    while (reader.pos < end) {
      const tag = reader.uint32();
      const field = byNumber.get(tag >>> 3);
      if (!field) {
        reader.skipType(tag & 7);
        continue;
      }
      this.readField(reader, tag & 7, field, out);
    }
    return out;
  }

  private readField(reader: Reader, wire: number, field: FieldDef, out: Record<string, unknown>): void {
    const type = field.type;
    if (field.json === '' && typeof type === 'object' && 'ref' in type) {
      // An inline struct: its own message on the wire, its fields on the parent in JSON.
      const end = reader.uint32() + reader.pos;
      Object.assign(out, this.readStruct(reader, end, type.ref));
      return;
    }
    if (typeof type === 'object' && 'list' in type) {
      const list = (out[field.json] ??= []) as unknown[];
      // proto2 repeated scalars arrive one per tag; accept the packed form too.
      if (wire === WIRE_LENGTH_DELIMITED && isPackable(type.list)) {
        const end = reader.uint32() + reader.pos;
        while (reader.pos < end) list.push(this.readValue(reader, type.list));
      } else list.push(this.readValue(reader, type.list));
      return;
    }
    if (typeof type === 'object' && 'map' in type) {
      const map = (out[field.json] ??= {}) as Record<string, unknown>;
      const end = reader.uint32() + reader.pos;
      let key = '';
      let value: unknown = zeroOf(type.map);
      while (reader.pos < end) {
        const t = reader.uint32();
        if (t >>> 3 === 1) key = reader.string();
        else if (t >>> 3 === 2) value = this.readValue(reader, type.map);
        else reader.skipType(t & 7);
      }
      map[key] = value;
      return;
    }
    if (wire !== WIRE_VARINT && wire !== WIRE_LENGTH_DELIMITED && wire !== 1) {
      throw new ProtobufError(`unexpected wire type ${wire} for field ${field.json}`);
    }
    out[field.json] = this.readValue(reader, type);
  }

  private readValue(reader: Reader, type: TypeRef): unknown {
    if (typeof type === 'object') {
      if ('ref' in type) {
        const end = reader.uint32() + reader.pos;
        return this.readStruct(reader, end, type.ref);
      }
      throw new ProtobufError('nested lists and maps are not part of the Kubernetes API');
    }
    switch (type) {
      case 'string':
        return reader.string();
      case 'boolean':
        return reader.bool();
      case 'int32':
        return reader.int32();
      case 'int64':
        return Number(reader.int64());
      case 'double':
        return reader.double();
      case 'bytes':
        return Buffer.from(reader.bytes()).toString('base64');
      case 'Time':
      case 'MicroTime': {
        const end = reader.uint32() + reader.pos;
        let seconds = 0;
        let nanos = 0;
        while (reader.pos < end) {
          const t = reader.uint32();
          if (t >>> 3 === 1) seconds = Number(reader.int64());
          else if (t >>> 3 === 2) nanos = reader.int32();
          else reader.skipType(t & 7);
        }
        return seconds === 0 && nanos === 0 ? null : formatTime(seconds, nanos, type === 'MicroTime');
      }
      case 'Quantity': {
        const end = reader.uint32() + reader.pos;
        let value = '';
        while (reader.pos < end) {
          const t = reader.uint32();
          if (t >>> 3 === 1) value = reader.string();
          else reader.skipType(t & 7);
        }
        return value;
      }
      case 'IntOrString': {
        const end = reader.uint32() + reader.pos;
        let kind = 0;
        let intVal = 0;
        let strVal = '';
        while (reader.pos < end) {
          const t = reader.uint32();
          if (t >>> 3 === 1) kind = Number(reader.int64());
          else if (t >>> 3 === 2) intVal = reader.int32();
          else if (t >>> 3 === 3) strVal = reader.string();
          else reader.skipType(t & 7);
        }
        return kind === 1 ? strVal : intVal;
      }
      case 'Object': {
        const end = reader.uint32() + reader.pos;
        let raw: Uint8Array | undefined;
        while (reader.pos < end) {
          const t = reader.uint32();
          if (t >>> 3 === 1) raw = reader.bytes();
          else reader.skipType(t & 7);
        }
        return raw && raw.length ? JSON.parse(Buffer.from(raw).toString('utf8')) : {};
      }
    }
  }
}

function isPackable(type: TypeRef): boolean {
  return type === 'int32' || type === 'int64' || type === 'boolean' || type === 'double';
}

function zeroOf(type: TypeRef): unknown {
  if (type === 'string' || type === 'bytes' || type === 'Quantity') return '';
  if (type === 'int32' || type === 'int64' || type === 'double') return 0;
  if (type === 'boolean') return false;
  return null;
}

/**
 * Go's protobuf code writes every non-pointer field, zero or not, while its
 * JSON encoder leaves empty ones out (`omitempty`). Dropping empty strings,
 * zero numbers, false, empty lists, maps and objects gives the JSON a client
 * would have sent; required fields are kept as they came.
 */
export function dropEmpty(value: Record<string, unknown>, typeName: string, schemas: SchemaSet): Record<string, unknown> {
  if (!schemas[typeName]) return value;
  for (const field of jsonFields(schemas, typeName)) {
    const v = value[field.json];
    if (v === undefined) continue;
    const type = field.type;
    if (typeof type === 'object' && 'ref' in type && v && typeof v === 'object') {
      dropEmpty(v as Record<string, unknown>, type.ref, schemas);
    } else if (typeof type === 'object' && 'list' in type && Array.isArray(v)) {
      const inner = type.list;
      if (typeof inner === 'object' && 'ref' in inner) for (const item of v) dropEmpty(item as Record<string, unknown>, inner.ref, schemas);
    } else if (typeof type === 'object' && 'map' in type && v && typeof v === 'object') {
      const inner = type.map;
      if (typeof inner === 'object' && 'ref' in inner) {
        for (const item of Object.values(v as object)) dropEmpty(item as Record<string, unknown>, inner.ref, schemas);
      }
    }
    if (!field.required && isEmpty(value[field.json])) delete value[field.json];
  }
  return value;
}

function isEmpty(v: unknown): boolean {
  if (v === null || v === '' || v === 0 || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v as object).length === 0;
  return false;
}
