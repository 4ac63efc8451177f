// batch/v1 CronJob: upstream's defaults, validation (the schedule through
// the same parser the controller uses, the time zone, the job template)
// and the printer's columns (NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST
// SCHEDULE AGE).
import { age } from '../../printers/duration.js';
import type { StatusCause } from '../../status.js';
import { AGE_COLUMN, NAME_COLUMN } from '../core/columns.js';
import type { KubeObject, ResourceType } from '../types.js';
import { invalid, invalidValue, notSupported, required } from '../validation.js';
import { CronError, knownTimeZone, parseSchedule } from './cron.js';
import { defaultPodTemplate, goLabelSelector, nonNegative, validateJobSpecFields, type JobSpec } from './job-spec.js';
import { TEMPLATE_COLUMNS, templateCells } from './jobs.js';

export interface ObjectReference {
  apiVersion?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
}

export interface CronJobSpec {
  schedule?: string;
  timeZone?: string;
  startingDeadlineSeconds?: number;
  concurrencyPolicy?: string;
  suspend?: boolean;
  jobTemplate?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: JobSpec };
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
}

export interface CronJobStatus {
  active?: ObjectReference[];
  lastScheduleTime?: string;
  lastSuccessfulTime?: string;
}

export type CronJob = KubeObject & { spec: CronJobSpec; status?: CronJobStatus };

const CONCURRENCY_POLICIES = ['Allow', 'Forbid', 'Replace'];
/** The controller appends "-" and up to ten digits of minutes to make a Job name of at most 63 characters. */
const MAX_NAME = 63 - 11;
/** IANA's rules for a part of a zone name, with digits and '+' tolerated for old names. */
const ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

function validateSchedule(schedule: string | undefined, timeZone: string | undefined, tzAllowed: boolean): StatusCause[] {
  if (!schedule) return [required('spec.schedule')];
  const causes: StatusCause[] = [];
  try {
    parseSchedule(schedule);
  } catch (err) {
    if (!(err instanceof CronError)) throw err;
    causes.push(invalidValue('spec.schedule', schedule, err.message));
  }
  if (schedule.includes('TZ')) {
    if (!tzAllowed) causes.push(invalidValue('spec.schedule', schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
    else if (timeZone !== undefined) causes.push(invalidValue('spec.schedule', schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
  }
  return causes;
}

function validateTimeZone(timeZone: string | undefined): StatusCause[] {
  if (timeZone === undefined) return [];
  const at = 'spec.timeZone';
  if (timeZone === '') return [invalidValue(at, timeZone, 'timeZone must be nil or non-empty string')];
  const unknown = [invalidValue(at, timeZone, `unknown time zone ${timeZone}`)];
  if (timeZone.split('/').some((p) => p === '.' || p === '..' || p.startsWith('-') || !ZONE_PART.test(p))) return unknown;
  if (timeZone.toLowerCase() === 'local') return [invalidValue(at, timeZone, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones')];
  return knownTimeZone(timeZone) ? [] : unknown;
}

function validateSpec(spec: CronJobSpec, old: CronJobSpec | undefined): StatusCause[] {
  const causes = [
    ...validateSchedule(spec.schedule, spec.timeZone, old?.schedule?.includes('TZ') ?? false),
    ...nonNegative('spec.startingDeadlineSeconds', spec.startingDeadlineSeconds),
    ...(old === undefined || old.timeZone !== spec.timeZone ? validateTimeZone(spec.timeZone) : []),
  ];
  const policy = spec.concurrencyPolicy ?? '';
  if (policy === '') causes.push(required('spec.concurrencyPolicy'));
  else if (!CONCURRENCY_POLICIES.includes(policy)) causes.push(notSupported('spec.concurrencyPolicy', policy, CONCURRENCY_POLICIES));
  const jobSpec = spec.jobTemplate?.spec ?? {};
  causes.push(...validateJobSpecFields(jobSpec, 'spec.jobTemplate.spec'));
  // A template's selector is always generated, per job.
  if (jobSpec.selector) causes.push(invalid('spec.jobTemplate.spec.selector', goLabelSelector(jobSpec.selector), '`selector` will be auto-generated'));
  if (jobSpec.manualSelector) causes.push(notSupported('spec.jobTemplate.spec.manualSelector', 'true', ['nil', 'false']));
  causes.push(...nonNegative('spec.successfulJobsHistoryLimit', spec.successfulJobsHistoryLimit));
  causes.push(...nonNegative('spec.failedJobsHistoryLimit', spec.failedJobsHistoryLimit));
  return causes;
}

export const cronjobs: ResourceType = {
  group: 'batch',
  version: 'v1',
  kind: 'CronJob',
  resource: 'cronjobs',
  singular: 'cronjob',
  shortNames: ['cj'],
  categories: ['all'],
  namespaced: true,
  subresources: ['status'],
  strategy: {
    prepareForCreate(obj) {
      delete obj.status;
    },
    prepareForUpdate(obj, old) {
      obj.status = old.status;
    },
    defaults(obj) {
      const spec = ((obj as CronJob).spec ??= {});
      spec.concurrencyPolicy ||= 'Allow';
      spec.suspend ??= false;
      spec.successfulJobsHistoryLimit ??= 3;
      spec.failedJobsHistoryLimit ??= 1;
      defaultPodTemplate((((spec.jobTemplate ??= {}).spec ??= {}).template ??= {}));
    },
    generationOf: (obj) => (obj as CronJob).spec,
    validate: () => [],
    validateCreate(obj) {
      const cj = obj as CronJob;
      const causes = validateSpec(cj.spec, undefined);
      const name = cj.metadata.name ?? '';
      if (name.length > MAX_NAME) causes.push(invalidValue('metadata.name', name, `must be no more than ${MAX_NAME} characters`));
      return causes;
    },
    validateUpdate: (obj, old) => validateSpec((obj as CronJob).spec, (old as CronJob).spec),
    columns: [
      NAME_COLUMN,
      { name: 'Schedule', type: 'string', description: 'The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.' },
      { name: 'Timezone', type: 'string', description: 'The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones.' },
      { name: 'Suspend', type: 'boolean', description: 'This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.' },
      { name: 'Active', type: 'integer', description: 'A list of pointers to currently running jobs.' },
      { name: 'Last Schedule', type: 'string', description: 'Information when was the last time the job was successfully scheduled.' },
      AGE_COLUMN,
      ...TEMPLATE_COLUMNS,
    ],
    row(obj, now) {
      const cj = obj as CronJob;
      const suspend = cj.spec.suspend === undefined ? '<unset>' : cj.spec.suspend ? 'True' : 'False';
      const last = cj.status?.lastScheduleTime ? age(cj.status.lastScheduleTime, now) : '<none>';
      return [cj.metadata.name, cj.spec.schedule, cj.spec.timeZone ?? '<none>', suspend, cj.status?.active?.length ?? 0, last, age(cj.metadata.creationTimestamp, now), ...templateCells(cj.spec.jobTemplate?.spec ?? {})];
    },
  },
};
