// The API types, written once as data: every field's JSON name, type,
// protobuf field number and description. OpenAPI (kubectl explain and
// validation), protobuf request decoding, strict field validation and
// strategic-merge-patch keys all derive from these definitions.

/** Leaf types, with the wire forms Kubernetes gives them. */
export type Scalar =
  | 'string'
  | 'boolean'
  | 'int32'
  | 'int64'
  | 'double'
  /** base64 in JSON, raw bytes in protobuf */
  | 'bytes'
  /** RFC 3339 in JSON; {seconds, nanos} in protobuf (meta/v1 Time) */
  | 'Time'
  /** RFC 3339 with microseconds in JSON (meta/v1 MicroTime) */
  | 'MicroTime'
  /** "100m", "64Mi" in JSON; {string} in protobuf (resource.Quantity) */
  | 'Quantity'
  /** 80 or "http" in JSON; {type, intVal, strVal} in protobuf (intstr.IntOrString) */
  | 'IntOrString'
  /** any JSON object; {raw} in protobuf (runtime.RawExtension / FieldsV1) */
  | 'Object';

export type TypeRef = Scalar | { ref: string } | { list: TypeRef } | { map: TypeRef };

export interface FieldDef {
  /**
   * The field's JSON name; '' for a struct Go embeds inline (`json:",inline"`):
   * its fields sit directly on the parent in JSON, while protobuf nests them
   * in one message at this field's number (Probe's handler, Volume's source).
   */
  json: string;
  /** Its number in upstream's generated.proto (a wire-format fact). */
  proto: number;
  type: TypeRef;
  description: string;
  required?: boolean;
  /** Strategic merge patch: lists merged by this key (containers by name, ports by containerPort...). */
  patchMergeKey?: string;
  patchStrategy?: 'merge' | 'retainKeys' | 'merge,retainKeys';
  /** Server-side apply list semantics. */
  listType?: 'atomic' | 'map' | 'set';
  listMapKeys?: string[];
}

export interface StructDef {
  description: string;
  fields: FieldDef[];
  /** For top-level kinds: their group/version/kind. */
  gvk?: { group: string; version: string; kind: string };
}

/** Types keyed by upstream's OpenAPI name, e.g. "io.k8s.api.core.v1.Pod". */
export type SchemaSet = Record<string, StructDef>;

const jsonFieldCache = new WeakMap<SchemaSet, Map<string, FieldDef[]>>();

/** The fields of a type as they appear in JSON: inline structs expanded into their parent. */
export function jsonFields(schemas: SchemaSet, typeName: string): FieldDef[] {
  let cache = jsonFieldCache.get(schemas);
  if (!cache) jsonFieldCache.set(schemas, (cache = new Map()));
  let fields = cache.get(typeName);
  if (!fields) {
    fields = (schemas[typeName]?.fields ?? []).flatMap((f) =>
      f.json === '' && typeof f.type === 'object' && 'ref' in f.type ? jsonFields(schemas, f.type.ref) : [f],
    );
    cache.set(typeName, fields);
  }
  return fields;
}
