// OpenAPI v3 documents generated from the schema definitions: one per
// group/version under /openapi/v3/<api/v1 | apis/G/V>, as kubectl explain,
// kubectl's field-validation probe and apply's merge logic read them.
import { createHash } from 'node:crypto';
import type { KindRef, ResourceType } from '../registry/types.js';
import { jsonFields, type FieldDef, type SchemaSet, type TypeRef } from './types.js';

type Json = Record<string, unknown>;

const SCALARS: Record<string, Json> = {
  string: { type: 'string' },
  boolean: { type: 'boolean' },
  int32: { type: 'integer', format: 'int32' },
  int64: { type: 'integer', format: 'int64' },
  double: { type: 'number', format: 'double' },
  bytes: { type: 'string', format: 'byte' },
  Time: { type: 'string', format: 'date-time' },
  MicroTime: { type: 'string', format: 'date-time' },
  Quantity: { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity' },
  IntOrString: { $ref: '#/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString' },
  Object: { type: 'object' },
};

/** The wrapper types upstream names in schemas, described once here. */
const WRAPPERS: Json = {
  'io.k8s.apimachinery.pkg.api.resource.Quantity': {
    description:
      'A fixed-point amount such as "100m" CPU or "64Mi" memory: a number followed by an optional SI or binary suffix.',
    oneOf: [{ type: 'string' }, { type: 'number' }],
  },
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': {
    description: 'A value that is either a whole number or a string, such as a port number or a port name.',
    format: 'int-or-string',
    type: 'string',
    'x-kubernetes-int-or-string': true,
  },
};

function typeSchema(type: TypeRef): Json {
  if (typeof type === 'string') return { ...SCALARS[type] };
  if ('ref' in type) return { $ref: `#/components/schemas/${type.ref}` };
  if ('list' in type) return { type: 'array', items: wrapDefault(typeSchema(type.list)) };
  return { type: 'object', additionalProperties: wrapDefault(typeSchema(type.map)) };
}

/** Upstream wraps references in allOf so a field can carry its own description next to them. */
function wrapDefault(schema: Json): Json {
  return schema.$ref ? { allOf: [schema], default: {} } : schema;
}

function fieldSchema(field: FieldDef): Json {
  const base = typeSchema(field.type);
  const schema: Json = base.$ref ? { allOf: [base] } : base;
  schema.description = field.description;
  if (field.patchMergeKey) schema['x-kubernetes-patch-merge-key'] = field.patchMergeKey;
  if (field.patchStrategy) schema['x-kubernetes-patch-strategy'] = field.patchStrategy;
  if (field.listType) schema['x-kubernetes-list-type'] = field.listType;
  if (field.listMapKeys) schema['x-kubernetes-list-map-keys'] = field.listMapKeys;
  return schema;
}

/** Every kind's apiVersion and kind: in JSON only, so the schema definitions leave them out. */
const TYPE_META: Json = {
  apiVersion: {
    type: 'string',
    description: 'The version of the schema this object follows, such as v1 or apps/v1; the server converts to the version it stores.',
  },
  kind: {
    type: 'string',
    description: 'The type of object this is, in CamelCase, such as Pod. It follows from the URL the object is sent to and cannot be changed.',
  },
};

function structSchema(schemas: SchemaSet, name: string): Json {
  const def = schemas[name]!;
  const fields = jsonFields(schemas, name);
  const required = fields.filter((f) => f.required).map((f) => f.json);
  return {
    description: def.description,
    type: 'object',
    properties: {
      ...(def.gvk ? TYPE_META : {}),
      ...Object.fromEntries(fields.map((f) => [f.json, fieldSchema(f)])),
    },
    ...(required.length ? { required } : {}),
    ...(def.gvk ? { 'x-kubernetes-group-version-kind': [def.gvk] } : {}),
  };
}

/** Every type reachable from `roots`, so each document stands alone. */
function reachable(schemas: SchemaSet, roots: string[]): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name) || !schemas[name]) return;
    seen.add(name);
    for (const f of jsonFields(schemas, name)) refsOf(f.type).forEach(visit);
  };
  roots.forEach(visit);
  return [...seen];
}

function refsOf(type: TypeRef): string[] {
  if (typeof type === 'string') return [];
  if ('ref' in type) return [type.ref];
  return refsOf('list' in type ? type.list : type.map);
}

const QUERY = (name: string, description: string): Json => ({
  name,
  in: 'query',
  description,
  schema: { type: 'string', uniqueItems: true },
});

const WRITE_PARAMETERS = [
  QUERY('dryRun', 'When present, the request is checked and answered but nothing is stored. The one valid value is All.'),
  QUERY('fieldManager', 'The name of the actor making the change, recorded in managedFields.'),
  QUERY(
    'fieldValidation',
    'What to do with fields the schema does not know or that appear twice: Ignore, Warn (the default), or Strict (reject the request).',
  ),
];

function operation(action: string, type: ResourceType, extra: Json = {}): Json {
  const kindRef = `#/components/schemas/${schemaNameOf(type)}`;
  return {
    description: `${action} ${type.kind}`,
    operationId: `${action}${type.kind}`,
    responses: { '200': { description: 'OK', content: { 'application/json': { schema: { $ref: kindRef } } } } },
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': { group: type.group, version: type.version, kind: type.kind },
    ...extra,
  };
}

/** Upstream's OpenAPI name for a kind, e.g. io.k8s.api.core.v1.Pod. */
export function schemaNameOf(type: KindRef): string {
  const group = type.group === '' ? 'core' : type.group.split('.')[0];
  return `io.k8s.api.${group}.${type.version}.${type.kind}`;
}

function pathsFor(type: ResourceType, prefix: string): Json {
  const collection = type.namespaced ? `${prefix}/namespaces/{namespace}/${type.resource}` : `${prefix}/${type.resource}`;
  const schema = { $ref: `#/components/schemas/${schemaNameOf(type)}` };
  const body = { requestBody: { content: { '*/*': { schema } }, required: true } };
  // kubectl apply looks for the strategic-merge media type here before it computes its patch.
  const patchBody = {
    requestBody: {
      content: Object.fromEntries(
        [
          'application/apply-patch+yaml',
          'application/json-patch+json',
          'application/merge-patch+json',
          'application/strategic-merge-patch+json',
        ].map((t) => [t, { schema: { type: 'object' } }]),
      ),
      required: true,
    },
  };
  return {
    [collection]: {
      get: operation('list', type),
      post: operation('post', type, { ...body, parameters: WRITE_PARAMETERS }),
    },
    [`${collection}/{name}`]: {
      get: operation('get', type),
      put: operation('put', type, { ...body, parameters: WRITE_PARAMETERS }),
      patch: operation('patch', type, { ...patchBody, parameters: [...WRITE_PARAMETERS, QUERY('force', 'Take ownership of conflicting fields when applying.')] }),
      delete: operation('delete', type),
    },
  };
}

export interface OpenApiV3 {
  /** The root document: each group/version and the URL of its document. */
  root: Json;
  /** Documents keyed by "api/v1" or "apis/G/V". */
  documents: Map<string, Json>;
}

export function buildOpenApiV3(types: ResourceType[], schemas: SchemaSet, serverVersion: string): OpenApiV3 {
  const documents = new Map<string, Json>();
  const byGroupVersion = new Map<string, ResourceType[]>();
  for (const t of types) {
    const key = t.group ? `apis/${t.group}/${t.version}` : `api/${t.version}`;
    byGroupVersion.set(key, [...(byGroupVersion.get(key) ?? []), t]);
  }
  const paths: Json = {};
  for (const [key, list] of byGroupVersion) {
    const names = reachable(schemas, list.map(schemaNameOf));
    const doc = {
      openapi: '3.0.0',
      info: { title: 'Kubernetes', version: serverVersion },
      paths: Object.assign({}, ...list.map((t) => pathsFor(t, `/${key}`))),
      components: {
        schemas: {
          ...Object.fromEntries(names.map((n) => [n, structSchema(schemas, n)])),
          ...WRAPPERS,
        },
      },
    };
    documents.set(key, doc);
    const hash = createHash('sha512').update(JSON.stringify(doc)).digest('hex').slice(0, 128).toUpperCase();
    paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${hash}` };
  }
  return { root: { paths }, documents };
}
