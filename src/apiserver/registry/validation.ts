// Validation shared by every kind: object names, labels and annotations,
// selectors and IPs, with upstream's field paths and messages.
import { isIPv4, isIPv6 } from 'node:net';
import type { StatusCause } from '../status.js';
import type { ObjectMeta, ResourceType } from './types.js';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

export const required = (field: string, detail?: string): StatusCause => ({
  reason: 'FieldValueRequired',
  message: detail ? `Required value: ${detail}` : 'Required value',
  field,
});

export const forbidden = (field: string, detail: string): StatusCause => ({ reason: 'FieldValueForbidden', message: `Forbidden: ${detail}`, field });

export const duplicate = (field: string, value: string): StatusCause => ({
  reason: 'FieldValueDuplicate',
  message: `Duplicate value: ${JSON.stringify(value)}`,
  field,
});

/** `rendered` is the value as upstream prints it: %q of a string, %#v of a struct. */
export const unsupported = (field: string, rendered: string, allowed: string[]): StatusCause => ({
  reason: 'FieldValueNotSupported',
  message: `Unsupported value: ${rendered}: supported values: ${allowed.map((v) => `"${v}"`).join(', ')}`,
  field,
});

export const notSupported = (field: string, value: string, allowed: string[]) => unsupported(field, JSON.stringify(value), allowed);

/** `rendered` is the value as upstream prints it (Go's %v, %q or %#v). */
export const invalid = (field: string, rendered: string, detail: string): StatusCause => ({
  reason: 'FieldValueInvalid',
  message: `Invalid value: ${rendered}: ${detail}`,
  field,
});

export const invalidValue = (field: string, value: unknown, detail: string) => invalid(field, JSON.stringify(value), detail);

/** Go's %#v of a []string, as upstream prints a whole list it rejects. */
export const goStrings = (values: string[]) => `[]string{${values.map((v) => JSON.stringify(v)).join(', ')}}`;

export const inclusiveRange = (lo: number, hi: number) => `must be between ${lo} and ${hi}, inclusive`;

/** What is wrong with a name, by length and shape, in upstream's words. */
function nameProblems(value: string, maxLength: number, pattern: RegExp, shape: string): string[] {
  const problems: string[] = [];
  if (value.length > maxLength) problems.push(`must be no more than ${maxLength} characters`);
  if (!pattern.test(value)) problems.push(shape);
  return problems;
}

const subdomainProblems = (value: string) =>
  nameProblems(
    value,
    253,
    DNS1123_SUBDOMAIN,
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
  );

/** A DNS-1123 subdomain, as most object names must be. */
export const checkSubdomain = (field: string, value: string) => subdomainProblems(value).map((p) => invalidValue(field, value, p));

/** A DNS-1123 label, as namespace and container names must be. */
export const checkLabel = (field: string, value: string) =>
  nameProblems(
    value,
    63,
    DNS1123_LABEL,
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
  ).map((p) => invalidValue(field, value, p));

const QUALIFIED_NAME_SHAPE =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

/** A qualified name (label and annotation keys, topology keys): an optional DNS subdomain prefix and a name of at most 63 characters. */
export function checkQualifiedName(field: string, key: string): StatusCause[] {
  const parts = key.split('/');
  if (parts.length > 2) {
    return [invalidValue(field, key, `a qualified name ${QUALIFIED_NAME_SHAPE} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`)];
  }
  const name = parts.at(-1)!;
  const causes: StatusCause[] = [];
  if (parts.length === 2) {
    const prefix = parts[0];
    const problems = prefix === '' ? ['must be non-empty'] : subdomainProblems(prefix);
    causes.push(...problems.map((p) => invalidValue(field, key, `prefix part ${p}`)));
  }
  if (name === '') causes.push(invalidValue(field, key, 'name part must be non-empty'));
  else if (name.length > 63) causes.push(invalidValue(field, key, 'name part must be no more than 63 characters'));
  if (!LABEL_NAME.test(name)) causes.push(invalidValue(field, key, `name part ${QUALIFIED_NAME_SHAPE}`));
  return causes;
}

/** What is wrong with a label value (empty, or a name of at most 63 characters), in upstream's words. */
export const labelValueProblems = (value: string) =>
  nameProblems(
    value,
    63,
    LABEL_VALUE,
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
  );

export const checkLabelValue = (field: string, value: string) => labelValueProblems(value).map((p) => invalidValue(field, value, p));

/** A map of labels (metadata.labels, a nodeSelector, matchLabels): every cause names the map, not the key. */
export const checkLabels = (field: string, labels: Record<string, string>) =>
  Object.entries(labels).flatMap(([key, value]) => [...checkQualifiedName(field, key), ...checkLabelValue(field, String(value))]);

export interface SelectorRequirement {
  key?: string;
  operator?: string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: SelectorRequirement[];
}

/**
 * One requirement of a label or node selector: the values its operator
 * allows, and a qualified key. Only node selectors know Gt and Lt.
 */
export function checkRequirement(field: string, e: SelectorRequirement, numeric = false): StatusCause[] {
  const causes: StatusCause[] = [];
  const count = e.values?.length ?? 0;
  if (e.operator === 'In' || e.operator === 'NotIn') {
    if (!count) causes.push(required(`${field}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
  } else if (e.operator === 'Exists' || e.operator === 'DoesNotExist') {
    if (count) causes.push(forbidden(`${field}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
  } else if (numeric && (e.operator === 'Gt' || e.operator === 'Lt')) {
    if (count !== 1) causes.push(required(`${field}.values`, "must be specified single value when `operator` is 'Lt' or 'Gt'"));
  } else {
    causes.push(invalidValue(`${field}.operator`, e.operator ?? '', 'not a valid selector operator'));
  }
  return [...causes, ...checkQualifiedName(`${field}.key`, e.key ?? '')];
}

/** A metav1.LabelSelector: matchLabels as labels; each expression's operator, key and values. */
export function checkLabelSelector(field: string, selector: LabelSelector | undefined): StatusCause[] {
  if (!selector) return [];
  const causes = checkLabels(`${field}.matchLabels`, selector.matchLabels ?? {});
  for (const [i, e] of (selector.matchExpressions ?? []).entries()) {
    const at = `${field}.matchExpressions[${i}]`;
    causes.push(...checkRequirement(at, e));
    (e.values ?? []).forEach((v, j) => causes.push(...checkLabelValue(`${at}.values[${j}]`, v)));
  }
  return causes;
}

/** Upstream parses "sloppily": IPv4 octets with leading zeros pass. */
const SLOPPY_IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function checkIP(field: string, value: string): StatusCause[] {
  const sloppy = SLOPPY_IPV4.exec(value)?.slice(1).every((octet) => Number(octet) <= 255);
  if (isIPv4(value) || isIPv6(value) || sloppy) return [];
  return [invalidValue(field, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
}

export function validateObjectMeta(meta: ObjectMeta, type: ResourceType): StatusCause[] {
  const causes: StatusCause[] = [];
  if (!meta.name) {
    causes.push({ reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' });
  } else {
    causes.push(...(type.kind === 'Namespace' ? checkLabel('metadata.name', meta.name) : checkSubdomain('metadata.name', meta.name)));
  }
  if (type.namespaced && !meta.namespace) causes.push(required('metadata.namespace'));
  causes.push(...checkLabels('metadata.labels', meta.labels ?? {}));
  for (const key of Object.keys(meta.annotations ?? {})) causes.push(...checkQualifiedName('metadata.annotations', key));
  causes.push(...checkOwnerReferences((meta.ownerReferences ?? []) as OwnerRef[]));
  const finalizers = meta.finalizers ?? [];
  if (finalizers.includes('orphan') && finalizers.includes('foregroundDeletion')) {
    causes.push(invalid('metadata.finalizers', goStringSlice(finalizers), 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  return causes;
}

interface OwnerRef {
  apiVersion?: string;
  kind?: string;
  name?: string;
  uid?: string;
  controller?: boolean;
}

const goStringSlice = (values: string[]) => `[]string{${values.map((v) => JSON.stringify(v)).join(', ')}}`;

/** What the garbage collector needs of each reference, and one controller at most (upstream's ValidateOwnerReferences). */
function checkOwnerReferences(refs: OwnerRef[]): StatusCause[] {
  const field = 'metadata.ownerReferences';
  const causes: StatusCause[] = [];
  let firstController = '';
  for (const ref of refs) {
    const version = (ref.apiVersion ?? '').split('/').pop();
    if (!version) causes.push(invalidValue(`${field}.apiVersion`, ref.apiVersion ?? '', 'version must not be empty'));
    if (!ref.kind) causes.push(invalidValue(`${field}.kind`, '', 'kind must not be empty'));
    if (!ref.name) causes.push(invalidValue(`${field}.name`, '', 'name must not be empty'));
    if (!ref.uid) causes.push(invalidValue(`${field}.uid`, '', 'uid must not be empty'));
    if (!ref.controller) continue;
    const name = `${ref.kind}/${ref.name}`;
    if (firstController) {
      causes.push(invalid(field, JSON.stringify(refs), `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${name}`));
    } else firstController = name;
  }
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
