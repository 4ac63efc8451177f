// What Jobs and CronJobs' job templates share: upstream's JobSpec
// defaults, the validation of a JobSpec with its pod template (fields
// named from any prefix: spec, spec.jobTemplate.spec), and Go's renderings
// of the values upstream prints when it rejects them.
import { isDeepStrictEqual } from 'node:util';
import type { PodSpec as CorePodSpec } from '../core/types.js';
import { defaultPodSpec } from '../core/pods.js';
import { validatePodSpec, type PodSpec as ValidatedPodSpec } from '../core/pod-validation.js';
import type { StatusCause } from '../../status.js';
import { checkLabels, checkQualifiedName, checkSubdomain, forbidden, invalid, invalidValue, notSupported, required, type LabelSelector } from '../validation.js';

export interface PodTemplateSpec {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: CorePodSpec;
}

export interface PodFailurePolicyRule {
  action?: string;
  onExitCodes?: { containerName?: string; operator?: string; values?: number[] };
  onPodConditions?: { type?: string; status?: string }[];
}

export interface JobSpec {
  parallelism?: number;
  completions?: number;
  activeDeadlineSeconds?: number;
  backoffLimit?: number;
  backoffLimitPerIndex?: number;
  maxFailedIndexes?: number;
  selector?: LabelSelector;
  manualSelector?: boolean;
  template?: PodTemplateSpec;
  ttlSecondsAfterFinished?: number;
  completionMode?: string;
  suspend?: boolean;
  podReplacementPolicy?: string;
  podFailurePolicy?: { rules?: PodFailurePolicyRule[] };
  successPolicy?: { rules?: { succeededIndexes?: string; succeededCount?: number }[] };
  managedBy?: string;
}

/** Upstream's SetDefaults_Job for the spec (the job's own labels are the caller's). */
export function defaultJobSpec(spec: JobSpec): void {
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.backoffLimit ??= spec.backoffLimitPerIndex !== undefined ? 2147483647 : 6;
  spec.completionMode ??= 'NonIndexed';
  spec.suspend ??= false;
  for (const rule of spec.podFailurePolicy?.rules ?? []) for (const p of rule.onPodConditions ?? []) p.status ||= 'True';
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
  spec.manualSelector ??= false;
  defaultPodTemplate((spec.template ??= {}));
}

/** A pod template gets a pod's defaults (a CronJob's job template gets only these: the Job's own come when a Job is made). */
export function defaultPodTemplate(template: PodTemplateSpec): void {
  defaultPodSpec((template.spec ??= { containers: [] }) as Parameters<typeof defaultPodSpec>[0]);
}

/** Go's %#v of a map[string]string (keys sorted), as upstream prints label maps. */
export function goStringMap(map: Record<string, string> | undefined): string {
  if (!map) return 'map[string]string(nil)';
  const entries = Object.keys(map)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(map[k])}`);
  return `map[string]string{${entries.join(', ')}}`;
}

/** Go's %#v of a metav1.LabelSelector. */
export function goLabelSelector(sel: LabelSelector): string {
  const expressions = sel.matchExpressions
    ? `[]v1.LabelSelectorRequirement{${sel.matchExpressions
        .map((e) => `v1.LabelSelectorRequirement{Key:${JSON.stringify(e.key ?? '')}, Operator:${JSON.stringify(e.operator ?? '')}, Values:${e.values ? `[]string{${e.values.map((v) => JSON.stringify(v)).join(', ')}}` : '[]string(nil)'}}`)
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${goStringMap(sel.matchLabels)}, MatchExpressions:${expressions}}`;
}

export const nonNegative = (field: string, value: number | undefined) =>
  value !== undefined && value < 0 ? [invalid(field, String(value), 'must be greater than or equal to 0')] : [];

const COMPLETION_MODES = ['NonIndexed', 'Indexed'];
const REPLACEMENT_POLICIES = ['Failed', 'TerminatingOrFailed'];
const MAX_INDEXED_PARALLELISM = 100000;

/** Moves causes of a pod spec validated at "spec" under `prefix` (spec.template.spec). */
const under = (prefix: string, causes: StatusCause[]) => causes.map((c) => ({ ...c, field: c.field?.replace(/^spec/, prefix) }));

/** Upstream's ValidatePodTemplateSpec: labels, annotations, the pod spec; no ephemeral containers. */
function validatePodTemplate(template: PodTemplateSpec, at: string): StatusCause[] {
  const causes = checkLabels(`${at}.labels`, template.metadata?.labels ?? {});
  for (const key of Object.keys(template.metadata?.annotations ?? {})) causes.push(...checkQualifiedName(`${at}.annotations`, key));
  const spec = (template.spec ?? {}) as ValidatedPodSpec;
  causes.push(...under(`${at}.spec`, validatePodSpec(spec)));
  if (spec.ephemeralContainers?.length) causes.push(forbidden(`${at}.spec.ephemeralContainers`, 'ephemeral containers not allowed in pod template'));
  return causes;
}

const FAILURE_ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
const EXIT_CODE_OPERATORS = ['In', 'NotIn'];
const CONDITION_STATUSES = ['False', 'True', 'Unknown'];
const MAX_RULES = 20;
const MAX_EXIT_CODES = 255;
const MAX_CONDITION_PATTERNS = 20;

/** Go's %q of a []string: ["a" "b"]. */
const goQuoted = (values: string[]) => `[${values.map((v) => JSON.stringify(v)).join(' ')}]`;
const goInts = (values: number[]) => `[]int32{${values.join(', ')}}`;
const tooMany = (field: string, count: number, max: number): StatusCause => ({ reason: 'FieldValueTooMany', message: `Too many: ${count}: must have at most ${max} items`, field });
const omitted = (field: string, detail: string): StatusCause => ({ reason: 'FieldValueInvalid', message: `Invalid value: ${detail}`, field });

function validateExitCodes(req: NonNullable<PodFailurePolicyRule['onExitCodes']>, at: string, containers: Set<string>): StatusCause[] {
  const causes: StatusCause[] = [];
  if (!req.operator) causes.push(required(`${at}.operator`, `valid values: ${goQuoted(EXIT_CODE_OPERATORS)}`));
  else if (!EXIT_CODE_OPERATORS.includes(req.operator)) causes.push(notSupported(`${at}.operator`, req.operator, EXIT_CODE_OPERATORS));
  if (req.containerName !== undefined && !containers.has(req.containerName)) {
    causes.push(invalidValue(`${at}.containerName`, req.containerName, 'must be one of the container or initContainer names in the pod template'));
  }
  const values = req.values ?? [];
  if (!values.length) causes.push(invalid(`${at}.values`, goInts(values), 'at least one value is required'));
  else if (values.length > MAX_EXIT_CODES) causes.push(tooMany(`${at}.values`, values.length, MAX_EXIT_CODES));
  const seen = new Set<number>();
  values.forEach((v, j) => {
    if (req.operator === 'In' && v === 0) causes.push(invalid(`${at}.values[${j}]`, '0', 'must not be 0 for the In operator'));
    if (seen.has(v)) causes.push({ reason: 'FieldValueDuplicate', message: `Duplicate value: ${v}`, field: `${at}.values[${j}]` });
    seen.add(v);
  });
  if (values.some((v, j) => j > 0 && values[j - 1]! > v)) causes.push(invalid(`${at}.values`, goInts(values), 'must be ordered'));
  return causes;
}

/** Upstream's validatePodFailurePolicy: at most 20 rules, each with a known action and exactly one kind of match. */
function validatePodFailurePolicy(spec: JobSpec, at: string): StatusCause[] {
  const rules = spec.podFailurePolicy?.rules ?? [];
  const causes = rules.length > MAX_RULES ? [tooMany(`${at}.rules`, rules.length, MAX_RULES)] : [];
  const pod = spec.template?.spec;
  const containers = new Set([...(pod?.containers ?? []), ...(pod?.initContainers ?? [])].map((c) => c.name));
  rules.forEach((rule, i) => {
    const ruleAt = `${at}.rules[${i}]`;
    if (!rule.action) causes.push(required(`${ruleAt}.action`, `valid values: ${goQuoted(FAILURE_ACTIONS)}`));
    else if (rule.action === 'FailIndex') {
      if (spec.backoffLimitPerIndex === undefined) causes.push(invalidValue(`${ruleAt}.action`, rule.action, 'requires the backoffLimitPerIndex to be set'));
    } else if (!FAILURE_ACTIONS.includes(rule.action)) causes.push(notSupported(`${ruleAt}.action`, rule.action, FAILURE_ACTIONS));
    if (rule.onExitCodes) causes.push(...validateExitCodes(rule.onExitCodes, `${ruleAt}.onExitCodes`, containers));
    const patterns = rule.onPodConditions ?? [];
    if (patterns.length > MAX_CONDITION_PATTERNS) causes.push(tooMany(`${ruleAt}.onPodConditions`, patterns.length, MAX_CONDITION_PATTERNS));
    patterns.forEach((p, j) => {
      causes.push(...checkQualifiedName(`${ruleAt}.onPodConditions[${j}].type`, p.type ?? ''));
      const statusAt = `${ruleAt}.onPodConditions[${j}].status`;
      if (!p.status) causes.push(required(statusAt, `valid values: ${goQuoted(CONDITION_STATUSES)}`));
      else if (!CONDITION_STATUSES.includes(p.status)) causes.push(notSupported(statusAt, p.status, CONDITION_STATUSES));
    });
    if (rule.onExitCodes && patterns.length) causes.push(omitted(ruleAt, 'specifying both OnExitCodes and OnPodConditions is not supported'));
    if (!rule.onExitCodes && !patterns.length) causes.push(omitted(ruleAt, 'specifying one of OnExitCodes and OnPodConditions is required'));
  });
  return causes;
}

const MAX_MANAGED_BY = 63;
const MAX_SUCCEEDED_INDEXES_CHARS = 64 * 1024;

/**
 * Go's %#v of a batch.SuccessPolicy; its pointer fields print as addresses,
 * meaningless (and different on every upstream call too).
 */
function goSuccessPolicy(policy: NonNullable<JobSpec['successPolicy']>): string {
  let address = 0xc000012340;
  const pointer = (type: string, set: boolean) => `(*${type})(${set ? `0x${(address += 8).toString(16)}` : 'nil'})`;
  const rules = (policy.rules ?? []).map((r) => `batch.SuccessPolicyRule{SucceededIndexes:${pointer('string', r.succeededIndexes !== undefined)}, SucceededCount:${pointer('int32', r.succeededCount !== undefined)}}`);
  return `batch.SuccessPolicy{Rules:${policy.rules ? `[]batch.SuccessPolicyRule{${rules.join(', ')}}` : '[]batch.SuccessPolicyRule(nil)'}}`;
}

/** Upstream's validateIndexesFormat: increasing ranges of indexes below completions; returns how many, or the problem. */
function indexesProblem(text: string, completions: number): { total: number } | { error: string } {
  if (!text) return { total: 0 };
  let last: number | undefined;
  let total = 0;
  const atoi = (part: string) => (/^[+-]?\d+$/.test(part) ? Number(part) : undefined);
  for (const interval of text.split(',')) {
    const limits = interval.split('-');
    if (limits.length > 2) return { error: `the fragment ${JSON.stringify(interval)} violates the requirement that an index interval can have at most two parts separated by '-'` };
    const bounds: number[] = [];
    for (const part of limits) {
      const n = atoi(part);
      if (n === undefined) return { error: `cannot convert string to integer for index: ${JSON.stringify(part)}` };
      if (n >= completions) return { error: `too large index: ${JSON.stringify(part)}` };
      bounds.push(n);
    }
    const [x, y = x] = bounds as [number, number?];
    if (limits.length === 2 && x >= y!) return { error: `non-increasing order, previous: ${x}, current: ${y}` };
    if (last !== undefined && last >= x) return { error: `non-increasing order, previous: ${last}, current: ${x}` };
    total += y! - x + 1;
    last = y;
  }
  return { total };
}

/** Upstream's validateSuccessPolicy: 1 to 20 rules, each with indexes and/or a count that completions can meet. */
function validateSuccessPolicy(spec: JobSpec, at: string): StatusCause[] {
  const rules = spec.successPolicy?.rules ?? [];
  const completions = spec.completions ?? 0;
  const causes: StatusCause[] = [];
  if (!rules.length) causes.push(required(`${at}.rules`, 'at least one rules must be specified when the successPolicy is specified'));
  if (rules.length > MAX_RULES) causes.push(tooMany(`${at}.rules`, rules.length, MAX_RULES));
  rules.forEach((rule, i) => {
    const ruleAt = `${at}.rules[${i}]`;
    if (rule.succeededCount === undefined && rule.succeededIndexes === undefined) causes.push(required(ruleAt, 'at least one of succeededCount or succeededIndexes must be specified'));
    let total = 0;
    if (rule.succeededIndexes !== undefined) {
      const indexesAt = `${ruleAt}.succeededIndexes`;
      if (rule.succeededIndexes.length > MAX_SUCCEEDED_INDEXES_CHARS) {
        causes.push({ reason: 'FieldValueTooLong', message: `Too long: may not be more than ${MAX_SUCCEEDED_INDEXES_CHARS} bytes`, field: indexesAt });
      }
      const parsed = indexesProblem(rule.succeededIndexes, completions);
      if ('error' in parsed) causes.push(invalidValue(indexesAt, rule.succeededIndexes, `error parsing succeededIndexes: ${parsed.error}`));
      else total = parsed.total;
    }
    if (rule.succeededCount !== undefined) {
      const countAt = `${ruleAt}.succeededCount`;
      causes.push(...nonNegative(countAt, rule.succeededCount));
      if (rule.succeededCount > completions) {
        causes.push(invalid(countAt, String(rule.succeededCount), `must be less than or equal to ${completions} (the number of specified completions)`));
      }
      if (rule.succeededIndexes !== undefined && rule.succeededCount > total) {
        causes.push(invalid(countAt, String(rule.succeededCount), `must be less than or equal to ${total} (the number of indexes in the specified succeededIndexes field)`));
      }
    }
  });
  return causes;
}

/** A domain-prefixed path naming the controller in charge, such as "acme.io/foo". */
function validateManagedBy(value: string, at: string): StatusCause[] {
  if (!value) return [required(at)];
  const slash = value.indexOf('/');
  const causes =
    slash <= 0 || slash === value.length - 1
      ? [invalidValue(at, value, 'must be a domain-prefixed path (such as "acme.io/foo")')]
      : checkSubdomain(at, value.slice(0, slash));
  if (value.length > MAX_MANAGED_BY) causes.push(invalidValue(at, value, `may not be more than ${MAX_MANAGED_BY} bytes`));
  return causes;
}

/** Upstream's validateJobSpec: what a Job's spec and a CronJob's job template both must satisfy. */
export function validateJobSpecFields(spec: JobSpec, at: string): StatusCause[] {
  const causes = [
    ...nonNegative(`${at}.parallelism`, spec.parallelism),
    ...nonNegative(`${at}.completions`, spec.completions),
    ...nonNegative(`${at}.activeDeadlineSeconds`, spec.activeDeadlineSeconds),
    ...nonNegative(`${at}.backoffLimit`, spec.backoffLimit),
    ...nonNegative(`${at}.ttlSecondsAfterFinished`, spec.ttlSecondsAfterFinished),
    ...nonNegative(`${at}.backoffLimitPerIndex`, spec.backoffLimitPerIndex),
  ];
  if (spec.maxFailedIndexes !== undefined) {
    causes.push(...nonNegative(`${at}.maxFailedIndexes`, spec.maxFailedIndexes));
    if (spec.backoffLimitPerIndex === undefined) causes.push(required(`${at}.backoffLimitPerIndex`, 'when maxFailedIndexes is specified'));
  }
  if (spec.managedBy !== undefined) causes.push(...validateManagedBy(spec.managedBy, `${at}.managedBy`));
  const mode = spec.completionMode;
  if (mode !== undefined) {
    if (!COMPLETION_MODES.includes(mode)) causes.push(notSupported(`${at}.completionMode`, mode, COMPLETION_MODES));
    if (mode === 'Indexed') {
      if (spec.completions === undefined) causes.push(required(`${at}.completions`, 'when completion mode is Indexed'));
      if (spec.parallelism !== undefined && spec.parallelism > MAX_INDEXED_PARALLELISM) {
        causes.push(invalid(`${at}.parallelism`, String(spec.parallelism), `must be less than or equal to ${MAX_INDEXED_PARALLELISM} when completion mode is Indexed`));
      }
    }
  }
  if (mode === undefined || mode === 'NonIndexed') {
    if (spec.backoffLimitPerIndex !== undefined) causes.push(invalid(`${at}.backoffLimitPerIndex`, String(spec.backoffLimitPerIndex), 'requires indexed completion mode'));
    if (spec.maxFailedIndexes !== undefined) causes.push(invalid(`${at}.maxFailedIndexes`, String(spec.maxFailedIndexes), 'requires indexed completion mode'));
  }
  if (spec.podFailurePolicy) causes.push(...validatePodFailurePolicy(spec, `${at}.podFailurePolicy`));
  if (spec.successPolicy) {
    if (mode !== 'Indexed') causes.push(invalid(`${at}.successPolicy`, goSuccessPolicy(spec.successPolicy), 'requires indexed completion mode'));
    else causes.push(...validateSuccessPolicy(spec, `${at}.successPolicy`));
  }
  const replacement = spec.podReplacementPolicy;
  if (replacement !== undefined) {
    if (spec.podFailurePolicy && replacement !== 'Failed') causes.push(notSupported(`${at}.podReplacementPolicy`, replacement, ['Failed']));
    else if (!REPLACEMENT_POLICIES.includes(replacement)) causes.push(notSupported(`${at}.podReplacementPolicy`, replacement, REPLACEMENT_POLICIES));
  }
  const template = spec.template ?? {};
  causes.push(...validatePodTemplate(template, `${at}.template`));
  const restart = template.spec?.restartPolicy ?? '';
  const restartAt = `${at}.template.spec.restartPolicy`;
  if (restart === 'Always' || restart === '') causes.push(required(restartAt, 'valid values: "OnFailure", "Never"'));
  else if (restart !== 'OnFailure' && restart !== 'Never') causes.push(notSupported(restartAt, restart, ['OnFailure', 'Never']));
  else if (spec.podFailurePolicy && restart !== 'Never') causes.push(invalidValue(restartAt, restart, 'only "Never" is supported when podFailurePolicy is specified'));
  return causes;
}

/** Upstream's ValidateImmutableField: the new value, printed as Go prints it. */
export function immutable(field: string, value: unknown, old: unknown, rendered: string): StatusCause[] {
  return isDeepStrictEqual(value ?? null, old ?? null) ? [] : [invalid(field, rendered, 'field is immutable')];
}
