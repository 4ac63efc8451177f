// batch/v1 Job: upstream's defaults, the selector and pod labels generated
// from the job's uid (unless manualSelector), validation and the
// printer's columns (NAME STATUS COMPLETIONS DURATION AGE).
import { humanDuration, age } from '../../printers/duration.js';
import { formatLabelSelector, labelSelectorMatches } from '../../selectors.js';
import type { StatusCause } from '../../status.js';
import { AGE_COLUMN, NAME_COLUMN } from '../core/columns.js';
import type { KubeObject, ResourceType, TableColumn } from '../types.js';
import { checkLabelSelector, invalid, required } from '../validation.js';
import { defaultJobSpec, goLabelSelector, goStringMap, immutable, validateJobSpecFields, type JobSpec } from './job-spec.js';

export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';
const LEGACY_JOB_NAME_LABEL = 'job-name';

export interface JobCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastProbeTime?: string;
  lastTransitionTime?: string;
}

export interface JobStatus {
  conditions?: JobCondition[];
  startTime?: string;
  completionTime?: string;
  active?: number;
  succeeded?: number;
  failed?: number;
  terminating?: number;
  ready?: number;
  completedIndexes?: string;
  failedIndexes?: string;
  uncountedTerminatedPods?: { succeeded?: string[]; failed?: string[] };
}

export type Job = KubeObject & { spec: JobSpec; status?: JobStatus };

export const conditionTrue = (job: { status?: JobStatus }, type: string) => job.status?.conditions?.some((c) => c.type === type && c.status === 'True') ?? false;

/** Upstream's generateSelector: both generations of the job-name and controller-uid labels on the template, the uid in the selector. */
function generateSelector(job: Job): void {
  const template = (job.spec.template ??= {});
  const labels = ((template.metadata ??= {}).labels ??= {});
  const { name, uid } = job.metadata;
  for (const key of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) labels[key] ??= name!;
  for (const key of [LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL]) labels[key] ??= uid!;
  const selector = (job.spec.selector ??= {});
  (selector.matchLabels ??= {})[CONTROLLER_UID_LABEL] ??= uid!;
}

/** Upstream's ValidateHasLabel: the template carries `key` with the expected value. */
function hasLabel(labels: Record<string, string> | undefined, key: string, want: string): StatusCause[] {
  const at = `spec.template.metadata.labels[${key}]`;
  if (labels?.[key] === undefined) return [required(at, `must be '${want}'`)];
  return labels[key] === want ? [] : [invalid(at, goStringMap(labels), `must be '${want}'`)];
}

/** With a generated selector, the generated labels must be there and the selector must be the generated one. */
function validateGeneratedSelector(job: Job, prefixedLabels: boolean): StatusCause[] {
  const { spec } = job;
  if (spec.manualSelector || !spec.selector) return [];
  const uid = job.metadata.uid ?? '';
  const name = job.metadata.name ?? '';
  const labels = spec.template?.metadata?.labels;
  const causes = [...hasLabel(labels, LEGACY_CONTROLLER_UID_LABEL, uid), ...hasLabel(labels, LEGACY_JOB_NAME_LABEL, name)];
  const expected: Record<string, string> = { [LEGACY_CONTROLLER_UID_LABEL]: uid, [LEGACY_JOB_NAME_LABEL]: name };
  if (prefixedLabels) {
    causes.push(...hasLabel(labels, CONTROLLER_UID_LABEL, uid), ...hasLabel(labels, JOB_NAME_LABEL, name));
    Object.assign(expected, { [CONTROLLER_UID_LABEL]: uid, [JOB_NAME_LABEL]: name });
  }
  if (selectorUsable(spec.selector) && !labelSelectorMatches(spec.selector as never, expected)) {
    causes.push(invalid('spec.selector', goLabelSelector(spec.selector), '`selector` not auto-generated'));
  }
  return causes;
}

/** Whether a selector converts to a label query at all (upstream skips the match checks otherwise). */
const selectorUsable = (sel: JobSpec['selector']) =>
  (sel?.matchExpressions ?? []).every((e) => ['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(e.operator ?? '') && Boolean(e.key));

function validateJob(job: Job, prefixedLabels: boolean): StatusCause[] {
  const { spec } = job;
  const causes = [...validateGeneratedSelector(job, prefixedLabels), ...validateJobSpecFields(spec, 'spec')];
  if (!spec.selector) causes.push(required('spec.selector'));
  else causes.push(...checkLabelSelector('spec.selector', spec.selector));
  const labels = spec.template?.metadata?.labels;
  if (spec.selector && selectorUsable(spec.selector) && !labelSelectorMatches(spec.selector as never, labels ?? {})) {
    causes.push(invalid('spec.template.metadata.labels', goStringMap(labels), '`selector` does not match template `labels`'));
  }
  if (spec.completionMode === 'Indexed' && spec.completions !== undefined && spec.completions > 0) {
    const hostname = `${job.metadata.name}-${spec.completions - 1}`;
    if (hostname.length > 63 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(hostname)) {
      causes.push(invalid('metadata.name', JSON.stringify(job.metadata.name), `will not able to create pod with invalid DNS label: ${hostname}`));
    }
  }
  return causes;
}

/**
 * What of a template may change: nothing, except the scheduling directives
 * (node affinity, nodeSelector, tolerations, scheduling gates, labels,
 * annotations) of a suspended job that never started.
 */
function templateUpdate(job: Job, old: Job): StatusCause[] {
  const suspendedNeverStarted = old.spec.suspend === true && !old.status?.startTime;
  const view = (template: JobSpec['template']) => {
    const t = structuredClone(template ?? {}) as { metadata?: Record<string, unknown>; spec?: Record<string, unknown> & { affinity?: Record<string, unknown> } };
    if (!suspendedNeverStarted) return t;
    delete t.metadata;
    if (t.spec) {
      for (const k of ['nodeSelector', 'tolerations', 'schedulingGates']) delete t.spec[k];
      if (t.spec.affinity) {
        delete t.spec.affinity.nodeAffinity;
        if (Object.keys(t.spec.affinity).length === 0) delete t.spec.affinity;
      }
    }
    return t;
  };
  return immutable('spec.template', view(job.spec.template), view(old.spec.template), 'core.PodTemplateSpec{...}');
}

/** Completions are fixed, except that an Indexed job may change them together with parallelism (elastic Indexed jobs). */
function completionsUpdate(s: JobSpec, o: JobSpec): StatusCause[] {
  if (s.completionMode !== 'Indexed') return immutable('spec.completions', s.completions, o.completions, s.completions === undefined ? 'null' : String(s.completions));
  if (s.completions === o.completions || s.completions === undefined) return [];
  return s.completions === s.parallelism ? [] : [invalid('spec.completions', String(s.completions), 'can only be modified in tandem with spec.parallelism')];
}

function validateJobUpdate(job: Job, old: Job): StatusCause[] {
  const s = job.spec;
  const o = old.spec;
  const pointer = (v: unknown) => (v === undefined ? 'null' : typeof v === 'string' ? JSON.stringify(v) : String(v));
  return [
    ...completionsUpdate(s, o),
    ...immutable('spec.selector', s.selector, o.selector, s.selector ? goLabelSelector(s.selector) : 'null'),
    ...templateUpdate(job, old),
    ...immutable('spec.completionMode', s.completionMode, o.completionMode, pointer(s.completionMode)),
    ...immutable('spec.podFailurePolicy', s.podFailurePolicy, o.podFailurePolicy, 'batch.PodFailurePolicy{...}'),
    ...immutable('spec.backoffLimitPerIndex', s.backoffLimitPerIndex, o.backoffLimitPerIndex, pointer(s.backoffLimitPerIndex)),
    ...immutable('spec.managedBy', s.managedBy, o.managedBy, pointer(s.managedBy)),
    ...immutable('spec.successPolicy', s.successPolicy, o.successPolicy, 'batch.SuccessPolicy{...}'),
  ];
}

/** The job's state as the printer words it. */
export function jobStatusCell(job: Job): string {
  if (conditionTrue(job, 'Complete')) return 'Complete';
  if (conditionTrue(job, 'Failed')) return 'Failed';
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (conditionTrue(job, 'Suspended')) return 'Suspended';
  if (conditionTrue(job, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

function completionsCell(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  if (job.spec.completions !== undefined) return `${succeeded}/${job.spec.completions}`;
  const parallelism = job.spec.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

function durationCell(job: Job, now: Date): string {
  const start = job.status?.startTime;
  if (!start) return '';
  const end = job.status?.completionTime ? Date.parse(job.status.completionTime) : now.getTime();
  return humanDuration(end - Date.parse(start));
}

/** The wide columns of both batch printers (upstream's workload printers all have them). */
export const TEMPLATE_COLUMNS: TableColumn[] = [
  { name: 'Containers', type: 'string', priority: 1, description: 'Names of each container in the template.' },
  { name: 'Images', type: 'string', priority: 1, description: 'Images referenced by each container in the template.' },
  { name: 'Selector', type: 'string', priority: 1, description: 'A label query over pods that should match the pod count. Normally, the system sets this field for you.' },
];

export function templateCells(spec: JobSpec): string[] {
  const containers = spec.template?.spec?.containers ?? [];
  return [containers.map((c) => c.name).join(','), containers.map((c) => c.image ?? '').join(','), formatLabelSelector(spec.selector as never) || '<none>'];
}

export const jobs: ResourceType = {
  group: 'batch',
  version: 'v1',
  kind: 'Job',
  resource: 'jobs',
  singular: 'job',
  shortNames: [],
  categories: ['all'],
  namespaced: true,
  subresources: ['status'],
  strategy: {
    // batch/v1 keeps its old default: a Job deleted without a propagation policy leaves its pods (kubectl always sends one).
    orphanDependentsByDefault: true,
    prepareForCreate(obj) {
      const job = obj as Job;
      job.spec ??= {} as JobSpec;
      delete job.status;
      if (!job.spec.manualSelector) generateSelector(job);
    },
    prepareForUpdate(obj, old) {
      obj.status = old.status;
    },
    defaults(obj) {
      const job = obj as Job;
      defaultJobSpec((job.spec ??= {} as JobSpec));
      // As upstream: a job without labels of its own takes its pods' labels.
      const labels = job.spec.template?.metadata?.labels;
      if (labels && !Object.keys(job.metadata.labels ?? {}).length) job.metadata.labels = { ...labels };
    },
    generationOf: (obj) => (obj as Job).spec,
    validateCreate: (obj) => validateJob(obj as Job, true),
    // Jobs made before the prefixed labels existed are not held to them.
    validateUpdate: (obj, old) => {
      const labels = (old as Job).spec.template?.metadata?.labels ?? {};
      return [...validateJob(obj as Job, JOB_NAME_LABEL in labels && CONTROLLER_UID_LABEL in labels), ...validateJobUpdate(obj as Job, old as Job)];
    },
    // Everything is checked in validateCreate / validateUpdate: which labels a job must carry depends on which it had.
    validate: () => [],
    fields: (obj) => ({ 'status.successful': String((obj as Job).status?.succeeded ?? 0) }),
    columns: [
      NAME_COLUMN,
      { name: 'Status', type: 'string', description: 'Status of the job.' },
      { name: 'Completions', type: 'string', description: 'The number of pods which reached phase Succeeded.' },
      { name: 'Duration', type: 'string', description: 'Time required to complete the job.' },
      AGE_COLUMN,
      ...TEMPLATE_COLUMNS,
    ],
    row(obj, now) {
      const job = obj as Job;
      return [job.metadata.name, jobStatusCell(job), completionsCell(job), durationCell(job, now), age(job.metadata.creationTimestamp, now), ...templateCells(job.spec)];
    },
  },
};
