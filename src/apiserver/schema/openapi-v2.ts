// OpenAPI v2 (Swagger 2.0), for kubectl before 1.28: its `explain` and its
// check for server-side field validation read /openapi/v2, and ask for it in
// gnostic's protobuf form (application/com.github.proto-openapi.spec.v2@v1.0+protobuf).
// The document is the v3 documents' schemas and operations in v2's shape;
// the protobuf writer below covers the gnostic messages this document uses
// (field numbers are facts of google/gnostic's OpenAPIv2.proto).
import protobuf from 'protobufjs';
import type { OpenApiV3 } from './openapi.js';

type Json = Record<string, unknown>;
type Writer = protobuf.Writer;

/** What kubectl asks for; answered as OPENAPI_V2_PROTOBUF_TYPE, the form Go's mime parser accepts (no "@"). */
export const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';
export const OPENAPI_V2_PROTOBUF_TYPE = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

const V3_REF = '#/components/schemas/';
const V2_REF = '#/definitions/';

/** v2 cannot say oneOf: a Quantity is described as the string it is written as. */
const V2_QUANTITY = {
  description: 'A fixed-point amount such as "100m" CPU or "64Mi" memory: a number followed by an optional SI or binary suffix.',
  type: 'string',
};

/**
 * v3's references in v2's form. v3 wraps a reference in a one-element allOf
 * (to give it a description or default); v2 puts the $ref beside the
 * description, as upstream's swagger.json does. kubectl's v2 reader takes an
 * allOf field for an arbitrary value, which leaves strategic merge patch
 * (kubectl apply) without a schema below it.
 */
function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value && typeof value === 'object') {
    const { allOf, default: _, ...rest } = value as Json;
    const only = Array.isArray(allOf) && allOf.length === 1 ? (allOf[0] as Json) : undefined;
    if (only?.$ref) return rewriteRefs({ $ref: only.$ref, ...rest });
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? v.replace(V3_REF, V2_REF) : rewriteRefs(v)]),
    );
  }
  return value;
}

function v2Operation(op: Json): Json {
  const params = ((op.parameters as Json[] | undefined) ?? []).map((p) => ({
    name: p.name,
    in: p.in,
    description: p.description,
    type: 'string',
    uniqueItems: true,
  }));
  const body = op.requestBody as { content: Record<string, { schema: Json }> } | undefined;
  const bodySchema = body ? Object.values(body.content)[0]!.schema : undefined;
  const response = ((op.responses as Json)['200'] as { content: Record<string, { schema: Json }> }).content['application/json']!.schema;
  return {
    description: op.description,
    operationId: op.operationId,
    consumes: body ? Object.keys(body.content) : undefined,
    produces: ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'],
    parameters: [...(bodySchema ? [{ name: 'body', in: 'body', required: true, schema: rewriteRefs(bodySchema) }] : []), ...params],
    responses: { '200': { description: 'OK', schema: rewriteRefs(response) } },
    'x-kubernetes-action': op['x-kubernetes-action'],
    'x-kubernetes-group-version-kind': op['x-kubernetes-group-version-kind'],
  };
}

export function buildOpenApiV2(v3: OpenApiV3, serverVersion: string): Json {
  const definitions: Json = {};
  const paths: Json = {};
  for (const doc of v3.documents.values()) {
    const schemas = (doc.components as { schemas: Json }).schemas;
    for (const [name, schema] of Object.entries(schemas)) definitions[name] = rewriteRefs(schema);
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
      paths[path] = Object.fromEntries(Object.entries(item).map(([method, op]) => [method, v2Operation(op)]));
    }
  }
  definitions['io.k8s.apimachinery.pkg.api.resource.Quantity'] = V2_QUANTITY;
  return { swagger: '2.0', info: { title: 'Kubernetes', version: serverVersion }, paths, definitions };
}

// ---- gnostic protobuf ----

function message(w: Writer, field: number, write: (w: Writer) => void): void {
  w.uint32((field << 3) | 2).fork();
  write(w);
  w.ldelim();
}

function str(w: Writer, field: number, value: unknown): void {
  if (typeof value === 'string' && value !== '') w.uint32((field << 3) | 2).string(value);
}

function bool(w: Writer, field: number, value: unknown): void {
  if (value === true) w.uint32(field << 3).bool(true);
}

/** Vendor extensions: NamedAny{name, Any{yaml}}; JSON text is valid YAML. */
function extensions(w: Writer, field: number, obj: Json): void {
  for (const [name, value] of Object.entries(obj)) {
    if (!name.startsWith('x-') || value === undefined) continue;
    message(w, field, (m) => {
      str(m, 1, name);
      message(m, 2, (any) => str(any, 2, JSON.stringify(value)));
    });
  }
}

function schema(w: Writer, s: Json): void {
  str(w, 1, s.$ref);
  str(w, 2, s.format);
  str(w, 4, s.description);
  for (const r of (s.required as string[] | undefined) ?? []) str(w, 19, r);
  if (s.additionalProperties && typeof s.additionalProperties === 'object') {
    message(w, 21, (a) => message(a, 1, (inner) => schema(inner, s.additionalProperties as Json)));
  }
  if (typeof s.type === 'string') message(w, 22, (t) => str(t, 1, s.type));
  if (s.items) message(w, 23, (i) => message(i, 1, (inner) => schema(inner, s.items as Json)));
  for (const part of (s.allOf as Json[] | undefined) ?? []) message(w, 24, (inner) => schema(inner, part));
  if (s.properties) {
    message(w, 25, (p) => {
      for (const [name, prop] of Object.entries(s.properties as Record<string, Json>)) {
        message(p, 1, (named) => {
          str(named, 1, name);
          message(named, 2, (inner) => schema(inner, prop));
        });
      }
    });
  }
  extensions(w, 31, s);
}

function parameter(w: Writer, p: Json): void {
  // ParametersItem{parameter: Parameter{body_parameter | non_body_parameter{query_parameter_sub_schema}}}
  message(w, 1, (param) => {
    if (p.in === 'body') {
      message(param, 1, (b) => {
        str(b, 1, p.description);
        str(b, 2, p.name);
        str(b, 3, p.in);
        bool(b, 4, p.required);
        message(b, 5, (inner) => schema(inner, p.schema as Json));
      });
    } else {
      message(param, 2, (nb) =>
        message(nb, 3, (q) => {
          bool(q, 1, p.required);
          str(q, 2, p.in);
          str(q, 3, p.description);
          str(q, 4, p.name);
          str(q, 6, p.type);
          bool(q, 20, p.uniqueItems);
        }),
      );
    }
  });
}

function operation(w: Writer, op: Json): void {
  str(w, 3, op.description);
  str(w, 5, op.operationId);
  for (const p of (op.produces as string[] | undefined) ?? []) str(w, 6, p);
  for (const c of (op.consumes as string[] | undefined) ?? []) str(w, 7, c);
  for (const p of (op.parameters as Json[] | undefined) ?? []) message(w, 8, (item) => parameter(item, p));
  message(w, 9, (responses) => {
    for (const [code, response] of Object.entries(op.responses as Record<string, Json>)) {
      message(responses, 1, (named) => {
        str(named, 1, code);
        message(named, 2, (value) =>
          message(value, 1, (r) => {
            str(r, 1, response.description);
            if (response.schema) message(r, 2, (item) => message(item, 1, (inner) => schema(inner, response.schema as Json)));
          }),
        );
      });
    }
  });
  extensions(w, 13, op);
}

const PATH_ITEM_FIELDS: Record<string, number> = { get: 2, put: 3, post: 4, delete: 5, options: 6, head: 7, patch: 8 };

export function encodeOpenApiV2(doc: Json): Uint8Array {
  const w = protobuf.Writer.create();
  str(w, 1, doc.swagger);
  const info = doc.info as Json;
  message(w, 2, (i) => {
    str(i, 1, info.title);
    str(i, 2, info.version);
  });
  message(w, 8, (paths) => {
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
      message(paths, 2, (named) => {
        str(named, 1, path);
        message(named, 2, (pi) => {
          for (const [method, op] of Object.entries(item)) message(pi, PATH_ITEM_FIELDS[method]!, (o) => operation(o, op));
        });
      });
    }
  });
  message(w, 9, (defs) => {
    for (const [name, s] of Object.entries(doc.definitions as Record<string, Json>)) {
      message(defs, 1, (named) => {
        str(named, 1, name);
        message(named, 2, (inner) => schema(inner, s));
      });
    }
  });
  return w.finish();
}
