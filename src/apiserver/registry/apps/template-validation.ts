// Validation the apps kinds share (upstream's apps validation): the
// selector, the pod template it must select, and the int-or-percent bounds
// of rolling updates, with upstream's field paths and messages.
import { isDeepStrictEqual } from 'node:util';
import { labelSelectorMatches, type LabelSelector } from '../../selectors.js';
import type { StatusCause } from '../../status.js';
import { validatePodSpec } from '../core/pod-validation.js';
import { checkLabels, checkLabelSelector, checkQualifiedName, forbidden, invalid, invalidValue, notSupported, required } from '../validation.js';
import { goIntOrString, goLabelSelector, goStringMap, type IntOrString } from './go-values.js';
import type { PodTemplate } from './workload.js';

export const nonNegative = (field: string, value: number | undefined) =>
  value !== undefined && value < 0 ? [invalidValue(field, value, 'must be greater than or equal to 0')] : [];

/** A selector with no requirement at all: it would select every pod. */
export const isEmptySelector = (sel: LabelSelector) => Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions?.length ?? 0) === 0;

/** spec.selector where it is required (Deployment, ReplicaSet, StatefulSet): present, well-formed, not empty. */
export function validateRequiredSelector(sel: LabelSelector | undefined, kind: 'deployment' | 'statefulset'): StatusCause[] {
  if (!sel) return [required('spec.selector')];
  const causes = checkLabelSelector('spec.selector', sel);
  if (isEmptySelector(sel)) causes.push(invalid('spec.selector', goLabelSelector(sel), `empty selector is invalid for ${kind}`));
  return causes;
}

/** Whether the selector converts to one that matches labels (upstream's LabelSelectorAsSelector succeeds); unset converts to "nothing". */
export const selectorConverts = (sel: LabelSelector | undefined) => !sel || checkLabelSelector('spec.selector', sel).length === 0;

/** The template's labels must be selected: an unset selector selects nothing, an empty one everything. */
export function checkTemplateSelected(sel: LabelSelector | undefined, template: PodTemplate | undefined): StatusCause[] {
  const labels = template?.metadata?.labels;
  if (labelSelectorMatches(sel, labels)) return [];
  return [invalid('spec.template.metadata.labels', goStringMap(labels), '`selector` does not match template `labels`')];
}

/** The template's own labels and annotations (upstream checks them at spec.template.labels, without "metadata"). */
export function checkTemplateMetadata(template: PodTemplate | undefined): StatusCause[] {
  const meta = template?.metadata ?? {};
  return [
    ...checkLabels('spec.template.labels', meta.labels ?? {}),
    ...Object.keys(meta.annotations ?? {}).flatMap((key) => checkQualifiedName('spec.template.annotations', key)),
  ];
}

/** Upstream's ValidatePodTemplateSpec: metadata, the pod spec under spec.template.spec, no ephemeral containers. */
export function validatePodTemplate(template: PodTemplate | undefined): StatusCause[] {
  const spec = template?.spec ?? {};
  const causes = [...checkTemplateMetadata(template), ...validatePodSpec(spec).map((c) => ({ ...c, field: c.field?.replace(/^spec\b/, 'spec.template.spec') }))];
  if (spec.ephemeralContainers?.length) causes.push(forbidden('spec.template.spec.ephemeralContainers', 'ephemeral containers not allowed in pod template'));
  return causes;
}

/** What a controller's pods may not have: a restartPolicy other than Always, a deadline. `kind` names it as upstream does. */
export function checkControllerPods(template: PodTemplate | undefined, kind: string): StatusCause[] {
  const spec = template?.spec ?? {};
  const causes: StatusCause[] = [];
  if (spec.restartPolicy !== 'Always') causes.push(notSupported('spec.template.spec.restartPolicy', spec.restartPolicy ?? '', ['Always']));
  if (spec.activeDeadlineSeconds !== undefined) {
    causes.push(forbidden('spec.template.spec.activeDeadlineSeconds', `activeDeadlineSeconds in ${kind} is not Supported`));
  }
  return causes;
}

/**
 * The template of a Deployment or ReplicaSet (upstream's
 * ValidatePodTemplateSpecForReplicaSet): selected by the selector, a valid
 * pod template, a controller's pods; checked only when the selector converts.
 */
export function validateReplicaSetTemplate(sel: LabelSelector | undefined, template: PodTemplate | undefined): StatusCause[] {
  if (!selectorConverts(sel)) return [invalid('spec.selector', goLabelSelector(sel!), 'invalid label selector')];
  return [...checkTemplateSelected(sel, template), ...validatePodTemplate(template), ...checkControllerPods(template, 'ReplicaSet')];
}

/** Upstream's semantic equality: unset and empty maps and lists are the same selector. */
function normalSelector(sel: LabelSelector | undefined): unknown {
  if (!sel) return undefined;
  return {
    matchLabels: Object.keys(sel.matchLabels ?? {}).length ? sel.matchLabels : undefined,
    matchExpressions: sel.matchExpressions?.length ? sel.matchExpressions.map((e) => ({ ...e, values: e.values?.length ? e.values : undefined })) : undefined,
  };
}

/** On update, in apps/v1: spec.selector may not change. */
export function checkSelectorUnchanged(sel: LabelSelector | undefined, old: LabelSelector | undefined): StatusCause[] {
  if (isDeepStrictEqual(normalSelector(sel), normalSelector(old))) return [];
  return [invalid('spec.selector', sel ? goLabelSelector(sel) : 'null', 'field is immutable')];
}

const PERCENT = /^[0-9]+%$/;
const PERCENT_SHAPE = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/** A count or a percentage, neither negative. */
export function checkIntOrPercent(field: string, v: IntOrString | undefined): StatusCause[] {
  if (typeof v === 'string') return PERCENT.test(v) ? [] : [invalid(field, goIntOrString(v), PERCENT_SHAPE)];
  return nonNegative(field, v);
}

/** The number a count or percentage stands for; a string that is neither counts as 0, as upstream's. */
export function intOrPercentValue(v: IntOrString | undefined): number {
  if (typeof v === 'number') return v;
  if (v === undefined) return 0;
  if (PERCENT.test(v)) return Number(v.slice(0, -1));
  return /^-?\d+$/.test(v) ? Number(v) : 0;
}

export function checkAtMost100Percent(field: string, v: IntOrString | undefined): StatusCause[] {
  return typeof v === 'string' && PERCENT.test(v) && intOrPercentValue(v) > 100 ? [invalid(field, goIntOrString(v), 'must not be greater than 100%')] : [];
}
