// Field ownership for server-side apply: which manager set which fields,
// recorded in metadata.managedFields as upstream's FieldsV1 sets
// ({"f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:image":{}}}}}).
// An apply owns the fields of its configuration; changing a field another
// manager owns to a different value is a conflict unless forced; fields an
// applier stops setting are removed unless someone else owns them. Other
// writes (create, update, patch) take ownership of what they change.
import { applyStrategicMergePatch } from './patch.js';
import type { KubeObject } from './registry/types.js';
import { jsonFields, type FieldDef, type SchemaSet, type TypeRef } from './schema/types.js';
import { ApiError } from './status.js';

type Json = unknown;
type JsonObject = Record<string, Json>;
/** A path of FieldsV1 elements: "f:name", "k:{...}", "v:value", or "." for the element itself. */
type Path = string[];

export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: JsonObject;
  subresource?: string;
}

const isObject = (v: Json): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Identity and system fields are nobody's to own. */
const IGNORED_TOP = new Set(['apiVersion', 'kind', 'status']);
const IGNORED_META = new Set(['name', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'selfLink']);

function fieldDefs(type: TypeRef | undefined, schemas: SchemaSet): Map<string, FieldDef> {
  if (!type || typeof type !== 'object' || !('ref' in type)) return new Map();
  return new Map(jsonFields(schemas, type.ref).map((f) => [f.json, f]));
}

/** How a list's elements are told apart: by merge keys, as a set of values, or not at all (atomic). */
function listKeys(field: FieldDef | undefined): string[] | 'set' | undefined {
  if (!field) return undefined;
  if (field.listMapKeys?.length) return field.listMapKeys;
  if (field.patchMergeKey) return [field.patchMergeKey];
  if (field.listType === 'set' || (field.patchStrategy?.includes('merge') && isPrimitiveList(field.type))) return 'set';
  return undefined;
}

function isPrimitiveList(type: TypeRef): boolean {
  return typeof type === 'object' && 'list' in type && typeof type.list === 'string';
}

const keyElement = (item: JsonObject, keys: string[]) =>
  `k:${JSON.stringify(Object.fromEntries(keys.filter((k) => item[k] !== undefined).sort().map((k) => [k, item[k]])))}`;

/** Every leaf path the object sets, with the schema telling lists apart. */
export function fieldPaths(obj: JsonObject, typeName: string, schemas: SchemaSet): Path[] {
  const out: Path[] = [];
  const walk = (value: Json, type: TypeRef | undefined, path: Path, top: boolean) => {
    // A scalar, or an empty object such as `securityContext: {}`, is a leaf.
    if (!isObject(value) || (!top && Object.keys(value).length === 0)) {
      out.push(path);
      return;
    }
    const isMap = typeof type === 'object' && type !== null && 'map' in type;
    const defs = isMap ? undefined : fieldDefs(type, schemas);
    for (const [key, child] of Object.entries(value)) {
      if (top && IGNORED_TOP.has(key)) continue;
      if (top && key === 'metadata' && isObject(child)) {
        for (const [mk, mv] of Object.entries(child)) {
          if (IGNORED_META.has(mk)) continue;
          const def = fieldDefs({ ref: 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }, schemas).get(mk);
          visitField(mv, def, ['f:metadata', `f:${mk}`]);
        }
        continue;
      }
      const field = defs?.get(key);
      const childType = isMap ? (type as { map: TypeRef }).map : field?.type;
      if (Array.isArray(child)) visitList(child, field, [...path, `f:${key}`]);
      else if (isObject(child)) walk(child, childType, [...path, `f:${key}`], false);
      else out.push([...path, `f:${key}`]);
    }
  };
  const visitField = (value: Json, field: FieldDef | undefined, path: Path) => {
    if (Array.isArray(value)) visitList(value, field, path);
    else if (isObject(value)) walk(value, field?.type, path, false);
    else out.push(path);
  };
  const visitList = (list: Json[], field: FieldDef | undefined, path: Path) => {
    const keys = listKeys(field);
    const itemType = field && typeof field.type === 'object' && 'list' in field.type ? field.type.list : undefined;
    if (!keys) {
      out.push(path);
      return;
    }
    for (const item of list) {
      if (keys === 'set') out.push([...path, `v:${JSON.stringify(item)}`]);
      else if (isObject(item)) {
        const element = [...path, keyElement(item, keys)];
        out.push([...element, '.']);
        walk(item, itemType, element, false);
      }
    }
  };
  walk(obj, { ref: typeName }, [], true);
  return out;
}

const join = (p: Path) => p.join('\u0000');

export function toFieldsV1(paths: Path[]): JsonObject {
  const root: JsonObject = {};
  for (const path of paths) {
    let node = root;
    for (const element of path) node = (node[element] ??= {}) as JsonObject;
  }
  return root;
}

export function fromFieldsV1(fields: JsonObject, prefix: Path = []): Path[] {
  const out: Path[] = [];
  for (const [element, child] of Object.entries(fields)) {
    const path = [...prefix, element];
    if (isObject(child) && Object.keys(child).length) out.push(...fromFieldsV1(child, path));
    else out.push(path);
  }
  return out;
}

/** The value at a path, or undefined when the object does not set it. */
function valueAt(obj: Json, path: Path): Json {
  let node: Json = obj;
  for (const element of path) {
    if (element === '.') return node;
    if (element.startsWith('f:')) node = isObject(node) ? node[element.slice(2)] : undefined;
    else if (element.startsWith('k:')) {
      const keys = JSON.parse(element.slice(2)) as JsonObject;
      node = Array.isArray(node) ? node.find((i) => isObject(i) && Object.entries(keys).every(([k, v]) => JSON.stringify(i[k]) === JSON.stringify(v))) : undefined;
    } else if (element.startsWith('v:')) {
      const wanted = element.slice(2);
      node = Array.isArray(node) && node.some((i) => JSON.stringify(i) === wanted) ? JSON.parse(wanted) : undefined;
    }
    if (node === undefined) return undefined;
  }
  return node;
}

/** Removes what a path names from the object (a field, a list element, a set member). */
function removeAt(obj: JsonObject, path: Path): void {
  const last = path[path.length - 1] === '.' ? path.length - 2 : path.length - 1;
  const parent = last === 0 ? obj : valueAt(obj, path.slice(0, last));
  const element = path[last]!;
  if (element.startsWith('f:') && isObject(parent)) delete parent[element.slice(2)];
  else if (Array.isArray(parent)) {
    const target = valueAt(obj, path.slice(0, last + 1));
    const index = element.startsWith('v:')
      ? parent.findIndex((i) => JSON.stringify(i) === element.slice(2))
      : parent.indexOf(target);
    if (index >= 0) parent.splice(index, 1);
  }
}

/** The entry less the given paths (joined), or nothing once it owns no field. */
function withoutPaths(entry: ManagedFieldsEntry, drop: Set<string>): ManagedFieldsEntry[] {
  const fieldsV1 = toFieldsV1(fromFieldsV1(entry.fieldsV1).filter((p) => !drop.has(join(p))));
  return Object.keys(fieldsV1).length ? [{ ...entry, fieldsV1 }] : [];
}

export interface ApplyResult {
  object: KubeObject;
  managedFields: ManagedFieldsEntry[];
}

/**
 * Server-side apply of `config` by `manager` onto `live` (undefined when the
 * object does not exist yet). Throws 409 Conflict listing the fields other
 * managers own with other values, unless `force`.
 */
export function apply(
  live: KubeObject | undefined,
  config: KubeObject,
  manager: string,
  force: boolean,
  typeName: string,
  apiVersion: string,
  now: string,
  schemas: SchemaSet,
): ApplyResult {
  const applied = fieldPaths(config, typeName, schemas);
  const appliedKeys = new Set(applied.map(join));
  const entries = (live?.metadata.managedFields as ManagedFieldsEntry[] | undefined) ?? [];
  const others = entries.filter((e) => !(e.manager === manager && e.operation === 'Apply'));
  const previous = entries.find((e) => e.manager === manager && e.operation === 'Apply');

  const conflicts: { path: Path; manager: string; apiVersion: string }[] = [];
  if (live) {
    for (const entry of others) {
      for (const path of fromFieldsV1(entry.fieldsV1)) {
        if (!appliedKeys.has(join(path)) || path[path.length - 1] === '.') continue;
        if (JSON.stringify(valueAt(live, path)) !== JSON.stringify(valueAt(config, path))) {
          conflicts.push({ path, manager: entry.manager, apiVersion: entry.apiVersion });
        }
      }
    }
  }
  if (conflicts.length && !force) throw conflictError(conflicts, live!.kind ?? '', live!.metadata.name ?? '');
  const forced = new Set(conflicts.map((c) => join(c.path)));

  const { metadata: configMeta, ...configRest } = config;
  const base: KubeObject = live ? structuredClone(live) : { metadata: {} };
  const patch = { ...configRest, metadata: { ...configMeta } } as JsonObject;
  const object = applyStrategicMergePatch(base, patch, typeName, schemas) as KubeObject;

  // Fields this manager set before and not now go, unless another manager still owns them.
  const ownedByOthers = new Set(others.flatMap((e) => fromFieldsV1(e.fieldsV1).map(join)));
  for (const path of previous ? fromFieldsV1(previous.fieldsV1) : []) {
    const key = join(path);
    if (!appliedKeys.has(key) && !ownedByOthers.has(key)) removeAt(object, path);
  }

  const managedFields: ManagedFieldsEntry[] = [
    ...others.flatMap((e) => withoutPaths(e, forced)),
    { manager, operation: 'Apply', apiVersion, time: now, fieldsType: 'FieldsV1', fieldsV1: toFieldsV1(applied) },
  ];
  return { object, managedFields };
}

/**
 * Ownership after an ordinary write: the manager takes every field the
 * write changed (or, on create, set); others lose those fields.
 */
export function recordUpdate(
  old: KubeObject | undefined,
  next: KubeObject,
  manager: string,
  typeName: string,
  apiVersion: string,
  now: string,
  schemas: SchemaSet,
  subresource?: string,
): ManagedFieldsEntry[] {
  const entries = (old?.metadata.managedFields as ManagedFieldsEntry[] | undefined) ?? [];
  const nextPaths = fieldPaths(next, typeName, schemas);
  const changed = old
    ? nextPaths.filter((p) => JSON.stringify(valueAt(old, p)) !== JSON.stringify(valueAt(next, p)))
    : nextPaths;
  if (!changed.length) return entries;
  const taken = new Set(changed.map(join));
  const mine = entries.find((e) => e.manager === manager && e.operation === 'Update' && e.subresource === subresource);
  const kept = entries
    .filter((e) => e !== mine)
    .flatMap((e) => withoutPaths(e, taken));
  const owned = [...(mine ? fromFieldsV1(mine.fieldsV1) : []), ...changed];
  return [
    ...kept,
    {
      manager,
      operation: 'Update',
      apiVersion,
      time: now,
      fieldsType: 'FieldsV1',
      fieldsV1: toFieldsV1(owned),
      ...(subresource ? { subresource } : {}),
    },
  ];
}

/** Upstream's text: `Apply failed with 1 conflict: conflict with "kubectl-edit" using v1: .spec.containers[name="web"].image`. */
function conflictError(conflicts: { path: Path; manager: string; apiVersion: string }[], kind: string, name: string): ApiError {
  const describe = (path: Path) =>
    path
      .filter((e) => e !== '.')
      .map((e) => {
        if (e.startsWith('f:')) return `.${e.slice(2)}`;
        if (e.startsWith('k:')) {
          const keys = JSON.parse(e.slice(2)) as JsonObject;
          return `[${Object.entries(keys).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}]`;
        }
        return `[=${e.slice(2)}]`;
      })
      .join('');
  const lines = conflicts.map((c) => `conflict with "${c.manager}" using ${c.apiVersion}: ${describe(c.path)}`);
  const message =
    conflicts.length === 1
      ? `Apply failed with 1 conflict: ${lines[0]}`
      : `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  return new ApiError(409, 'Conflict', message, {
    name,
    kind,
    causes: conflicts.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with "${c.manager}" using ${c.apiVersion}`, field: describe(c.path) })),
  });
}
