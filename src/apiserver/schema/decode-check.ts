// Checks a request body against the schema the way upstream's decoder does:
// a value of the wrong JSON type is an error ("json: cannot unmarshal string
// into Go struct field ContainerPort.spec.containers.ports.containerPort of
// type int32"), and fields the schema does not know are reported so that
// fieldValidation=Strict can reject them ('unknown field "spec.containers[0].imagee"').
// Struct fields given as null are dropped from the body: Go's decoder
// leaves them at their zero value, so `"creationTimestamp": null` in a pod
// template is stored as no creationTimestamp at all.
import { parseQuantity } from '../quantity.js';
import { jsonFields, type SchemaSet, type TypeRef } from './types.js';

export interface DecodeCheck {
  /** The first type mismatch, in Go's words; undefined when there is none. */
  typeError?: string;
  /** Paths of fields the schema does not define, in document order. */
  unknownFields: string[];
}

const GO_SCALAR: Record<string, string> = {
  string: 'string',
  boolean: 'bool',
  int32: 'int32',
  int64: 'int64',
  double: 'float64',
  bytes: '[]uint8',
  Time: 'string',
  MicroTime: 'string',
  Quantity: 'string',
  IntOrString: 'string',
  Object: 'map[string]interface {}',
};

/** io.k8s.api.core.v1.PodSpec → v1.PodSpec, as Go prints the type. */
const shortName = (ref: string) => ref.split('.').slice(-2).join('.');

function goType(type: TypeRef): string {
  if (typeof type === 'string') return GO_SCALAR[type]!;
  if ('ref' in type) return shortName(type.ref);
  if ('list' in type) return `[]${goType(type.list)}`;
  return `map[string]${goType(type.map)}`;
}

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'bool';
  return typeof value;
}

function matchesScalar(type: string, value: unknown): boolean {
  switch (type) {
    case 'string':
    case 'bytes':
    case 'Time':
    case 'MicroTime':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'int32':
    case 'int64':
      return typeof value === 'number' && Number.isInteger(value);
    case 'double':
      return typeof value === 'number';
    case 'Quantity':
      return typeof value === 'string' || typeof value === 'number';
    case 'IntOrString':
      return typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value));
    default:
      return typeof value === 'object' && !Array.isArray(value);
  }
}

export function checkDecode(body: Record<string, unknown>, typeName: string, schemas: SchemaSet): DecodeCheck {
  const result: DecodeCheck = { unknownFields: [] };

  // `path` has indices (for unknown fields); `goPath` has none (for Go's type errors).
  const walk = (value: unknown, type: TypeRef, path: string, goPath: string, owner: string): void => {
    if (result.typeError || value === null) return;
    if (typeof type === 'string') {
      if (!matchesScalar(type, value)) {
        result.typeError = `json: cannot unmarshal ${jsonKind(value)} into Go struct field ${owner}.${goPath} of type ${goType(type)}`;
      } else if (type === 'Quantity' && parseQuantity(value as string | number) === undefined) {
        result.typeError = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
      }
      return;
    }
    if ('list' in type) {
      if (!Array.isArray(value)) {
        result.typeError = `json: cannot unmarshal ${jsonKind(value)} into Go struct field ${owner}.${goPath} of type ${goType(type)}`;
        return;
      }
      value.forEach((item, i) => walk(item, type.list, `${path}[${i}]`, goPath, owner));
      return;
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      result.typeError = `json: cannot unmarshal ${jsonKind(value)} into Go struct field ${owner}.${goPath} of type ${goType(type)}`;
      return;
    }
    if ('map' in type) {
      for (const [k, v] of Object.entries(value as object)) walk(v, type.map, `${path}.${k}`, goPath, owner);
      return;
    }
    walkStruct(value as Record<string, unknown>, type.ref, path, goPath);
  };

  const walkStruct = (obj: Record<string, unknown>, ref: string, path: string, goPath: string): void => {
    if (!schemas[ref]) return;
    const fields = new Map(jsonFields(schemas, ref).map((f) => [f.json, f]));
    const owner = shortName(ref).split('.')[1]!;
    for (const [key, value] of Object.entries(obj)) {
      const field = fields.get(key);
      const here = path ? `${path}.${key}` : key;
      if (field && value === null) {
        delete obj[key];
        continue;
      }
      if (!field) {
        // Every object carries apiVersion and kind at its top.
        if (!(path === '' && (key === 'apiVersion' || key === 'kind'))) result.unknownFields.push(here);
        continue;
      }
      walk(value, field.type, here, goPath ? `${goPath}.${key}` : key, owner);
    }
  };

  walkStruct(body, typeName, '', '');
  return result;
}
