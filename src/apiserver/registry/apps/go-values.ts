// Go's %#v of the values the apps validation rejects whole (selectors,
// label maps, int-or-string, strategies), as kubectl shows them in
// "Invalid value: ..." and "Unsupported value: ..." messages.
import type { LabelSelector } from '../../selectors.js';

export type IntOrString = number | string;

export const goString = (s: string | undefined) => JSON.stringify(s ?? '');

/** `Type{Field:value, ...}` from fields already rendered. */
export const goStruct = (type: string, fields: [name: string, rendered: string][]) => `${type}{${fields.map(([k, v]) => `${k}:${v}`).join(', ')}}`;

/** A pointer field: nil, or an address (meaningless, and different on every upstream call too). */
export const goPointer = (type: string, set: unknown) => `(*${type})(${set === undefined || set === null ? 'nil' : '0xc000a1b2c0'})`;

/** map[string]string, keys sorted as Go's fmt prints them; unset is nil, `{}` an empty map. */
export function goStringMap(map: Record<string, string> | undefined): string {
  if (!map) return 'map[string]string(nil)';
  const entries = Object.keys(map).sort().map((k) => `${goString(k)}:${goString(map[k])}`);
  return `map[string]string{${entries.join(', ')}}`;
}

const goStrings = (list: string[] | undefined) => (list ? `[]string{${list.map(goString).join(', ')}}` : '[]string(nil)');

export function goLabelSelector(sel: LabelSelector): string {
  const expressions = sel.matchExpressions
    ? `[]v1.LabelSelectorRequirement{${sel.matchExpressions
        .map((e) => goStruct('v1.LabelSelectorRequirement', [['Key', goString(e.key)], ['Operator', goString(e.operator)], ['Values', goStrings(e.values)]]))
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return goStruct('v1.LabelSelector', [['MatchLabels', goStringMap(sel.matchLabels)], ['MatchExpressions', expressions]]);
}

/** intstr.IntOrString: Type 0 holds IntVal, Type 1 StrVal; unset is the zero value. */
export function goIntOrString(v: IntOrString | undefined): string {
  const isString = typeof v === 'string';
  return goStruct('intstr.IntOrString', [
    ['Type', isString ? '1' : '0'],
    ['IntVal', isString ? '0' : String(v ?? 0)],
    ['StrVal', goString(isString ? v : '')],
  ]);
}
