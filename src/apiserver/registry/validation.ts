// Validation shared by every kind: object names, labels and annotations,
// with upstream's field paths and messages.
import type { StatusCause } from '../status.js';
import type { ObjectMeta, ResourceType } from './types.js';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export const required = (field: string): StatusCause => ({ reason: 'FieldValueRequired', message: 'Required value', field });

export const notSupported = (field: string, value: string, allowed: string[]): StatusCause => ({
  reason: 'FieldValueNotSupported',
  message: `Unsupported value: ${JSON.stringify(value)}: supported values: ${allowed.map((v) => `"${v}"`).join(', ')}`,
  field,
});

export const invalidValue = (field: string, value: unknown, detail: string): StatusCause => ({
  reason: 'FieldValueInvalid',
  message: `Invalid value: ${JSON.stringify(value)}: ${detail}`,
  field,
});

/** A name checked for length and shape, with upstream's message for each. */
function checkName(field: string, value: string, maxLength: number, pattern: RegExp, shape: string): StatusCause[] {
  const causes: StatusCause[] = [];
  if (value.length > maxLength) causes.push(invalidValue(field, value, `must be no more than ${maxLength} characters`));
  if (!pattern.test(value)) causes.push(invalidValue(field, value, shape));
  return causes;
}

/** A DNS-1123 subdomain, as most object names must be. */
export const checkSubdomain = (field: string, value: string) =>
  checkName(
    field,
    value,
    253,
    DNS1123_SUBDOMAIN,
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
  );

/** A DNS-1123 label, as namespace and container names must be. */
export const checkLabel = (field: string, value: string) =>
  checkName(
    field,
    value,
    63,
    DNS1123_LABEL,
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
  );

/** A label or annotation key: an optional DNS subdomain prefix and a name of at most 63 characters. */
function checkQualifiedKey(field: string, key: string): StatusCause[] {
  const slash = key.indexOf('/');
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const causes: StatusCause[] = [];
  if (prefix !== undefined && (prefix === '' || !DNS1123_SUBDOMAIN.test(prefix) || prefix.length > 253)) {
    causes.push(
      invalidValue(
        field,
        key,
        "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      ),
    );
  }
  if (name.length > 63) causes.push(invalidValue(field, key, 'name part must be no more than 63 characters'));
  if (!LABEL_NAME.test(name)) {
    causes.push(
      invalidValue(
        field,
        key,
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      ),
    );
  }
  return causes;
}

export function validateObjectMeta(meta: ObjectMeta, type: ResourceType): StatusCause[] {
  const causes: StatusCause[] = [];
  if (!meta.name) {
    causes.push({ reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' });
  } else {
    causes.push(...(type.kind === 'Namespace' ? checkLabel('metadata.name', meta.name) : checkSubdomain('metadata.name', meta.name)));
  }
  if (type.namespaced && !meta.namespace) causes.push(required('metadata.namespace'));
  for (const [key, value] of Object.entries(meta.labels ?? {})) {
    causes.push(...checkQualifiedKey('metadata.labels', key));
    if (typeof value !== 'string' || value.length > 63 || !LABEL_VALUE.test(value)) {
      causes.push(
        invalidValue(
          'metadata.labels',
          value,
          "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
        ),
      );
    }
  }
  for (const key of Object.keys(meta.annotations ?? {})) causes.push(...checkQualifiedKey('metadata.annotations', key));
  return causes;
}

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

/** Keys of ConfigMap and Secret data: file-name-like, at most 253 characters. */
export function checkConfigKeys(field: string, keys: string[]): StatusCause[] {
  return keys.flatMap((key) =>
    key.length > 253 || !CONFIG_KEY.test(key)
      ? [
          invalidValue(
            `${field}[${key}]`,
            key,
            "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
          ),
        ]
      : [],
  );
}
