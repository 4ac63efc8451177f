// Label selectors (`a=b,c!=d,e in (f,g),h notin (i),j,!k`) and field
// selectors (`a=b,c!=d`) as kubectl sends them in ?labelSelector= and
// ?fieldSelector=, with upstream's error texts for bad syntax.
import { errors } from './status.js';

export interface Selector {
  empty: boolean;
  /** The keys the selector tests, to check them against what a kind supports. */
  keys: string[];
  matches(values: Record<string, string>): boolean;
}

type Requirement = (values: Record<string, string>) => boolean;

/** Own keys only: a selector on "toString" must not find Object.prototype's. */
const has = (values: Record<string, string>, key: string) => Object.hasOwn(values, key);

const QUALIFIED_NAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function selector(requirements: Requirement[], keys: string[]): Selector {
  return { empty: requirements.length === 0, keys, matches: (values) => requirements.every((r) => r(values)) };
}

/** Splits on commas that are not inside parentheses. */
function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (text[i] === ',' && depth === 0) {
      terms.push(text.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(text.slice(start));
  return terms.map((t) => t.trim());
}

function checkKey(key: string): void {
  if (!QUALIFIED_NAME.test(key) || key.length > 316) {
    throw errors.badRequest(
      `unable to parse requirement: <nil>: Invalid value: "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    );
  }
}

function checkValue(value: string): void {
  if (!LABEL_VALUE.test(value) || value.length > 63) {
    throw errors.badRequest(
      `unable to parse requirement: values[0][${value}]: Invalid value: "${value}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    );
  }
}

export function parseLabelSelector(text: string): Selector {
  if (!text.trim()) return selector([], []);
  return selector(
    splitTerms(text).map((term): Requirement => {
      const set = /^(\S+)\s+(in|notin)\s+\((.*)\)$/.exec(term);
      if (set) {
        const [, key, op, list] = set as unknown as [string, string, string, string];
        checkKey(key);
        const members = list.split(',').map((v) => v.trim()).filter((v) => v !== '');
        members.forEach(checkValue);
        return op === 'in'
          ? (v) => has(v, key) && members.includes(v[key]!)
          : (v) => !has(v, key) || !members.includes(v[key]!);
      }
      const eq = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term);
      if (eq) {
        const [, key, op, value] = eq as unknown as [string, string, string, string];
        checkKey(key);
        checkValue(value);
        return op === '!=' ? (v) => !has(v, key) || v[key] !== value : (v) => has(v, key) && v[key] === value;
      }
      if (term.startsWith('!')) {
        const key = term.slice(1).trim();
        checkKey(key);
        return (v) => !has(v, key);
      }
      if (term === '') throw errors.badRequest(`unable to parse requirement: found '', expected: identifier`);
      checkKey(term);
      return (v) => has(v, term);
    }),
    [],
  );
}

export function parseFieldSelector(text: string): Selector {
  if (!text.trim()) return selector([], []);
  const terms = splitTerms(text).map((term) => {
    const m = /^([^=!]+)(==|=|!=)(.*)$/.exec(term);
    if (!m) throw errors.badRequest(`invalid selector: '${text}'; can't understand '${term}'`);
    return { key: m[1]!.trim(), op: m[2]!, value: m[3]!.trim() };
  });
  return selector(
    terms.map(({ key, op, value }): Requirement => (op === '!=' ? (v) => v[key] !== value : (v) => v[key] === value)),
    terms.map((t) => t.key),
  );
}

/** meta/v1 LabelSelector, as workloads and services select pods. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

function requirementsOf(sel: LabelSelector): { key: string; operator: string; values: string[] }[] {
  return [
    ...Object.entries(sel.matchLabels ?? {}).map(([key, value]) => ({ key, operator: '=', values: [value] })),
    ...(sel.matchExpressions ?? []).map((e) => ({ key: e.key, operator: e.operator, values: e.values ?? [] })),
  ].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * Whether labels satisfy a LabelSelector. As upstream: an empty selector
 * selects everything, a missing one nothing.
 */
export function labelSelectorMatches(sel: LabelSelector | undefined, labels: Record<string, string> | undefined): boolean {
  if (!sel) return false;
  const values = labels ?? {};
  return requirementsOf(sel).every(({ key, operator, values: list }) => {
    switch (operator) {
      case '=':
        return has(values, key) && values[key] === list[0];
      case 'In':
        return has(values, key) && list.includes(values[key]!);
      case 'NotIn':
        return !has(values, key) || !list.includes(values[key]!);
      case 'Exists':
        return has(values, key);
      case 'DoesNotExist':
        return !has(values, key);
      default:
        return false;
    }
  });
}

/** A LabelSelector in the ?labelSelector= syntax, as upstream's Selector.String() writes it (keys sorted). */
export function formatLabelSelector(sel: LabelSelector | undefined): string {
  if (!sel) return '';
  return requirementsOf(sel)
    .map(({ key, operator, values }) => {
      switch (operator) {
        case '=':
          return `${key}=${values[0]}`;
        case 'In':
          return `${key} in (${[...values].sort().join(',')})`;
        case 'NotIn':
          return `${key} notin (${[...values].sort().join(',')})`;
        case 'Exists':
          return key;
        default:
          return `!${key}`;
      }
    })
    .join(',');
}
