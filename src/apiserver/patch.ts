// The three patch types kubectl sends: JSON patch (RFC 6902, via
// fast-json-patch), JSON merge patch (RFC 7386) and strategic merge patch,
// whose list-merge keys and strategies come from the schema definitions
// (containers merge by name, ports by containerPort, finalizers as a set...).
import jsonpatch from 'fast-json-patch';
import { jsonFields, type SchemaSet, type TypeRef } from './schema/types.js';
import { errors } from './status.js';

export const JSON_PATCH = 'application/json-patch+json';
export const MERGE_PATCH = 'application/merge-patch+json';
export const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';
/** Server-side apply (see fieldmanager.ts). */
export const APPLY_PATCH = 'application/apply-patch+yaml';

type Json = unknown;
type JsonObject = Record<string, Json>;

const isObject = (v: Json): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

export function applyJsonPatch(target: JsonObject, patch: Json): JsonObject {
  if (!Array.isArray(patch)) throw errors.badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  try {
    return jsonpatch.applyPatch(structuredClone(target), patch as jsonpatch.Operation[], true, false).newDocument as JsonObject;
  } catch (err) {
    throw errors.badRequest(`the JSON patch could not be applied: ${(err as Error).message.split('\n')[0]}`);
  }
}

/** RFC 7386: objects merge recursively, null removes, anything else replaces. */
export function applyMergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return patch;
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = applyMergePatch(out[key], value);
  }
  return out;
}

const DIRECTIVE = '$patch';
const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList/';
const SET_ELEMENT_ORDER = '$setElementOrder/';
const RETAIN_KEYS = '$retainKeys';

/** Strategic merge patch against the schema type `typeName` (e.g. io.k8s.api.core.v1.Pod). */
export function applyStrategicMergePatch(target: JsonObject, patch: Json, typeName: string, schemas: SchemaSet): JsonObject {
  if (!isObject(patch)) throw errors.badRequest('strategic merge patch must be a JSON object');
  return mergeObject(target, patch, { ref: typeName }, schemas);
}

function fieldOf(type: TypeRef | undefined, key: string, schemas: SchemaSet) {
  if (!type || typeof type === 'string' || !('ref' in type)) return undefined;
  return jsonFields(schemas, type.ref).find((f) => f.json === key);
}

function mergeObject(target: Json, patch: JsonObject, type: TypeRef | undefined, schemas: SchemaSet): JsonObject {
  if (patch[DIRECTIVE] === 'replace') {
    const { [DIRECTIVE]: _, ...rest } = patch;
    return rest;
  }
  const out: JsonObject = isObject(target) ? { ...target } : {};
  if (Array.isArray(patch[RETAIN_KEYS])) {
    const keep = new Set(patch[RETAIN_KEYS] as string[]);
    for (const key of Object.keys(out)) if (!keep.has(key)) delete out[key];
  }
  for (const [key, value] of Object.entries(patch)) {
    if (key === DIRECTIVE || key === RETAIN_KEYS || key.startsWith(SET_ELEMENT_ORDER)) continue;
    if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      const field = key.slice(DELETE_FROM_PRIMITIVE_LIST.length);
      const drop = new Set((value as Json[]).map((v) => JSON.stringify(v)));
      if (Array.isArray(out[field])) out[field] = (out[field] as Json[]).filter((v) => !drop.has(JSON.stringify(v)));
      continue;
    }
    if (value === null || (isObject(value) && value[DIRECTIVE] === 'delete')) {
      delete out[key];
      continue;
    }
    const field = fieldOf(type, key, schemas);
    const fieldType = field?.type;
    if (Array.isArray(value)) {
      const merged = field?.patchStrategy?.includes('merge') ? mergeList(out[key], value, field.patchMergeKey, fieldType, schemas) : value;
      const order = patch[`${SET_ELEMENT_ORDER}${key}`];
      out[key] = Array.isArray(order) ? applyOrder(merged, order, field?.patchMergeKey) : merged;
    } else if (isObject(value)) {
      const isMap = fieldType !== undefined && typeof fieldType === 'object' && 'map' in fieldType;
      out[key] = isMap ? mergeMap(out[key], value, fieldType.map, schemas) : mergeObject(out[key], value, fieldType, schemas);
    } else out[key] = value;
  }
  return out;
}

function mergeMap(target: Json, patch: JsonObject, valueType: TypeRef, schemas: SchemaSet): JsonObject {
  if (patch[DIRECTIVE] === 'replace') {
    const { [DIRECTIVE]: _, ...rest } = patch;
    return rest;
  }
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key === DIRECTIVE) continue;
    if (value === null) delete out[key];
    else out[key] = isObject(value) ? mergeObject(out[key], value, valueType, schemas) : value;
  }
  return out;
}

function mergeList(target: Json, patch: Json[], mergeKey: string | undefined, listType: TypeRef | undefined, schemas: SchemaSet): Json[] {
  // A {"$patch": "replace"} element makes the rest of the patch list the whole list.
  if (patch.some((item) => isObject(item) && item[DIRECTIVE] === 'replace')) {
    return patch.filter((item) => !(isObject(item) && item[DIRECTIVE] === 'replace'));
  }
  const current = Array.isArray(target) ? [...target] : [];
  const itemType = listType && typeof listType === 'object' && 'list' in listType ? listType.list : undefined;
  if (!mergeKey) {
    // A set of primitives: union, keeping the current order first.
    const seen = new Set(current.map((v) => JSON.stringify(v)));
    for (const v of patch) if (!seen.has(JSON.stringify(v))) current.push(v);
    return current;
  }
  for (const item of patch) {
    if (!isObject(item)) continue;
    const index = current.findIndex((c) => isObject(c) && c[mergeKey] === item[mergeKey]);
    if (item[DIRECTIVE] === 'delete') {
      if (index >= 0) current.splice(index, 1);
    } else if (index >= 0) current[index] = mergeObject(current[index], item, itemType, schemas);
    else current.push(mergeObject({}, item, itemType, schemas));
  }
  return current;
}

/** $setElementOrder: the listed elements in the patch's order, then any others as they were. */
function applyOrder(list: Json[], order: Json[], mergeKey: string | undefined): Json[] {
  const id = (v: Json) => JSON.stringify(mergeKey && isObject(v) ? v[mergeKey] : v);
  const position = new Map(order.map((v, i) => [id(v), i]));
  const listed = list.filter((v) => position.has(id(v))).sort((a, b) => position.get(id(a))! - position.get(id(b))!);
  return [...listed, ...list.filter((v) => !position.has(id(v)))];
}
