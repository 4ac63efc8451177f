// Reads the object a client sent, in any of the forms kubectl uses (JSON,
// YAML, Kubernetes protobuf), and applies upstream's decoding rules: type
// mismatches are 400 errors, unknown fields follow ?fieldValidation=
// (Strict: 400; Warn, the default: a Warning header; Ignore: nothing).
import type { KindRef, KubeObject } from './registry/types.js';
import { checkDecode } from './schema/decode-check.js';
import { SCHEMAS } from './schema/index.js';
import { schemaNameOf } from './schema/openapi.js';
import type { ProtobufDecoder } from './schema/protobuf.js';
import { errors } from './status.js';

export const PROTOBUF = 'application/vnd.kubernetes.protobuf';

// YAML and protobuf bodies are rare (kubectl sends JSON except from typed
// clients): their libraries load on first use, not at start-up.
let protobuf: Promise<{ decoder: ProtobufDecoder; module: typeof import('./schema/protobuf.js') }> | undefined;
const loadProtobuf = () =>
  (protobuf ??= import('./schema/protobuf.js').then((module) => ({ module, decoder: new module.ProtobufDecoder(SCHEMAS) })));

export interface DecodedBody {
  object: KubeObject;
  /** Texts for `Warning: 299 - "..."` response headers. */
  warnings: string[];
}

async function parse(body: Buffer, contentType: string, type: KindRef): Promise<unknown> {
  const schema = schemaNameOf(type);
  try {
    switch (contentType) {
      case 'application/json':
        return JSON.parse(body.toString('utf8'));
      case 'application/yaml':
        return (await import('yaml')).parse(body.toString('utf8'));
      case PROTOBUF: {
        const { module, decoder } = await loadProtobuf();
        const envelope = module.decodeEnvelope(body);
        const object = module.dropEmpty(decoder.decode(envelope.raw, schema), schema, SCHEMAS);
        return { apiVersion: envelope.apiVersion, kind: envelope.kind, ...object };
      }
    }
  } catch (err) {
    const name = (err as Error).name;
    if (err instanceof SyntaxError || name === 'YAMLParseError' || name === 'ProtobufError') {
      throw errors.badRequest(`error decoding request body: ${(err as Error).message}`);
    }
    throw err;
  }
  throw errors.unsupportedMediaType(contentType);
}

export async function decodeBody(
  body: Buffer,
  contentTypeHeader: string | undefined,
  type: KindRef,
  fieldValidation: string | null,
): Promise<DecodedBody> {
  const contentType = (contentTypeHeader ?? 'application/json').split(';')[0]!.trim();
  return checkBody(await parse(body, contentType, type), type, fieldValidation);
}

/** Applies the decoding rules to an object already parsed (a request body, or the result of a patch). */
export function checkBody(parsed: unknown, type: KindRef, fieldValidation: string | null): DecodedBody {
  const gv = type.group ? `${type.group}/${type.version}` : type.version;
  const cannotHandle = (why: string) =>
    errors.badRequest(`${type.kind} in version "${type.version}" cannot be handled as a ${type.kind}: ${why}`);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw cannotHandle('the body is not a JSON object');
  const fields = parsed as Record<string, unknown>;
  if (fields.apiVersion !== undefined && fields.apiVersion !== gv) {
    throw errors.badRequest(`the API version in the data (${String(fields.apiVersion)}) does not match the expected API version (${gv})`);
  }
  if (fields.kind !== undefined && fields.kind !== type.kind) {
    throw errors.badRequest(`the kind in the data (${String(fields.kind)}) does not match the expected kind (${type.kind})`);
  }
  const check = checkDecode(fields, schemaNameOf(type), SCHEMAS);
  if (check.typeError) throw cannotHandle(check.typeError);
  const unknown = check.unknownFields.map((path) => `unknown field "${path}"`);
  if (unknown.length && fieldValidation === 'Strict') throw cannotHandle(`strict decoding error: ${unknown.join(', ')}`);
  const object = fields as KubeObject;
  if (typeof object.metadata !== 'object' || object.metadata === null) object.metadata = {};
  return { object, warnings: fieldValidation === 'Ignore' ? [] : unknown };
}
