// The CronJob controller, as kube-controller-manager's (v2): keeps
// status.active in step with the cron job's Jobs, makes a Job from the
// template when a scheduled time has passed (one per time: the Job's name
// carries it), honours suspend, startingDeadlineSeconds and the
// concurrency policy, records the last schedule and success, and removes
// finished Jobs beyond the history limits. Time comes from an injectable
// clock; schedule decisions live in cronjob-schedule.ts.
import { timestamp } from '../apiserver/registry/generic-store.js';
import { parseSchedule, rfc3339In, CronError, knownTimeZone } from '../apiserver/registry/batch/cron.js';
import type { CronJob, CronJobStatus, ObjectReference } from '../apiserver/registry/batch/cronjobs.js';
import { conditionTrue, type Job } from '../apiserver/registry/batch/jobs.js';
import { CRONJOBS, isAlreadyExists, isNotFound, JOBS, type ApiClient, type ResourceClient } from '../client/client.js';
import type { EventRecorder } from '../client/events.js';
import { keyOf, type Informer } from '../client/informer.js';
import type { Informers } from '../client/informers.js';
import { Controller, type Reconciler } from './controller.js';
import { jobNameFor, MANY_MISSED, mostRecentScheduleTime, nextScheduleDelay } from './cronjob-schedule.js';
import { CONTROLLER_UID_INDEX, controllerOf, controllerRef, indexByController } from './pod-control.js';

export const SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

const isFinished = (job: Job) => conditionTrue(job, 'Complete') || conditionTrue(job, 'Failed');
const finishedCondition = (job: Job) => (conditionTrue(job, 'Complete') ? 'Complete' : 'Failed');

/** Go's time.RFC1123Z of an instant in UTC, as upstream's MissSchedule event words it. */
function rfc1123z(ms: number): string {
  const d = new Date(ms);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day}, ${pad(d.getUTCDate())} ${month} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

const refOf = (job: Job): ObjectReference => ({
  kind: 'Job',
  namespace: job.metadata.namespace,
  name: job.metadata.name,
  uid: job.metadata.uid,
  apiVersion: 'batch/v1',
  resourceVersion: job.metadata.resourceVersion,
});

/** Oldest first by startTime (never started last), then by name, as upstream removes them. */
function byStartTime(a: Job, b: Job): number {
  const [x, y] = [a.status?.startTime, b.status?.startTime];
  if (!x !== !y) return x ? -1 : 1;
  if (x === y) return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
  return Date.parse(x!) - Date.parse(y!);
}

export interface CronJobControllerOptions {
  now?: () => Date;
  log?: (message: string) => void;
}

export class CronJobController implements Reconciler {
  readonly name = 'cronjob-controller';
  private readonly controller: Controller;
  private readonly cronJobs: Informer<CronJob>;
  private readonly jobs: Informer<Job>;
  private readonly cronJobClient: ResourceClient<CronJob>;
  private readonly jobClient: ResourceClient<Job>;
  private readonly now: () => Date;

  constructor(
    client: ApiClient,
    informers: Informers,
    private readonly events: EventRecorder,
    options: CronJobControllerOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.cronJobClient = client.resource<CronJob>(CRONJOBS);
    this.jobClient = client.resource<Job>(JOBS);
    this.cronJobs = informers.for<CronJob>(CRONJOBS);
    this.jobs = informers.for<Job>(JOBS);
    indexByController(this.jobs);
    this.controller = new Controller(this, { workers: 2, onError: options.log });
    this.cronJobs.on({ add: (cj) => this.controller.enqueue(keyOf(cj)), update: (_, cj) => this.controller.enqueue(keyOf(cj)) });
    const owner = (job: Job) => {
      const ref = controllerOf(job);
      if (ref?.kind === 'CronJob') this.controller.enqueue(`${job.metadata.namespace}/${ref.name}`);
    };
    this.jobs.on({ add: owner, update: (_, job) => owner(job), delete: owner });
  }

  start(): void {
    this.controller.start();
  }

  async stop(): Promise<void> {
    await this.controller.stop();
  }

  async reconcile(key: string): Promise<number | void> {
    const cached = this.cronJobs.get(key);
    if (!cached) return;
    const cj: CronJob = { ...cached, status: structuredClone(cached.status ?? {}) };
    const jobs = this.jobs.byIndex(CONTROLLER_UID_INDEX, cj.metadata.uid!);
    const before = JSON.stringify(cj.status);
    await this.reconcileActive(cj, jobs);
    const requeue = await this.schedule(cj);
    let current = cj;
    if (JSON.stringify(cj.status) !== before) current = await this.cronJobClient.update(cj.metadata.namespace, cj, 'status');
    await this.removeOldJobs(current, jobs);
    return requeue;
  }

  /** status.active follows the Jobs: finished ones leave it, missing ones too; lastSuccessfulTime follows completions. */
  private async reconcileActive(cj: CronJob, jobs: Job[]): Promise<void> {
    const status = cj.status as CronJobStatus;
    const active = () => status.active ?? [];
    for (const job of jobs) {
      let listed = active().some((r) => r.uid === job.metadata.uid);
      if (!listed && !isFinished(job)) {
        // The cache may not have the status that lists it yet: the API's word counts.
        const fresh = await this.cronJobClient.get(cj.metadata.namespace, cj.metadata.name!);
        if (fresh.metadata.uid === cj.metadata.uid && fresh.status?.active?.some((r) => r.uid === job.metadata.uid)) {
          cj.metadata = fresh.metadata;
          for (const k of Object.keys(status)) delete status[k as keyof CronJobStatus];
          Object.assign(status, structuredClone(fresh.status));
          listed = true;
        }
      }
      if (!listed && !isFinished(job)) {
        this.events.record(cj, 'Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${job.metadata.name}`);
      } else if (listed && isFinished(job)) {
        status.active = active().filter((r) => r.uid !== job.metadata.uid);
        this.events.record(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${job.metadata.name}, condition: ${finishedCondition(job)}`);
      } else if (isFinished(job)) {
        const done = job.status?.completionTime;
        if (done && (!status.lastSuccessfulTime || Date.parse(done) > Date.parse(status.lastSuccessfulTime))) status.lastSuccessfulTime = done;
      }
    }
    const children = new Set(jobs.map((j) => j.metadata.uid));
    for (const ref of active()) {
      if (children.has(ref.uid)) continue;
      // The cache may lag: only a job the API does not have either is missing.
      if (await this.jobClient.find(ref.namespace, ref.name!)) continue;
      this.events.record(cj, 'Normal', 'MissingJob', `Active job went missing: ${ref.name}`);
      status.active = active().filter((r) => r.uid !== ref.uid);
    }
    if (!status.active?.length) delete status.active;
  }

  /** Starts the run that is due, if any; returns when to look again. */
  private async schedule(cj: CronJob): Promise<number | void> {
    if (cj.metadata.deletionTimestamp) return;
    const zone = cj.spec.timeZone;
    if (zone !== undefined && !knownTimeZone(zone)) {
      this.events.record(cj, 'Warning', 'UnknownTimeZone', `invalid timeZone: ${JSON.stringify(zone)}: unknown time zone ${zone}`);
      return;
    }
    if (cj.spec.suspend) return;
    let schedule;
    try {
      schedule = parseSchedule(cj.spec.schedule ?? '');
    } catch (err) {
      if (!(err instanceof CronError)) throw err;
      this.events.record(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: ${JSON.stringify(cj.spec.schedule)} : ${err.message}`);
      return;
    }
    const now = this.now().getTime();
    const { mostRecent: scheduled, missed } = mostRecentScheduleTime(cj, now, schedule, true);
    const again = () => nextScheduleDelay(cj, now, schedule);
    if (scheduled === undefined) return again();
    if (missed > MANY_MISSED) {
      this.events.record(cj, 'Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
    }
    const deadline = cj.spec.startingDeadlineSeconds;
    if (deadline !== undefined && scheduled + deadline * 1000 < now) {
      this.events.record(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`);
      return again();
    }
    const status = cj.status as CronJobStatus;
    const name = jobNameFor(cj, scheduled);
    if (status.active?.some((r) => r.name === name) || (status.lastScheduleTime && Date.parse(status.lastScheduleTime) === scheduled)) return again();
    if (cj.spec.concurrencyPolicy === 'Forbid' && status.active?.length) {
      this.events.record(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      return again();
    }
    if (cj.spec.concurrencyPolicy === 'Replace') {
      for (const ref of status.active ?? []) {
        await this.deleteJob(cj, ref.namespace!, ref.name!);
        status.active = status.active!.filter((r) => r.uid !== ref.uid);
      }
    }
    const job = await this.createJob(cj, name, scheduled);
    if (!job) return;
    status.active = [...(status.active ?? []), refOf(job)];
    status.lastScheduleTime = timestamp(new Date(scheduled));
    return again();
  }

  /** The Job for one scheduled time; undefined when another made it already and the cron job has nothing to record. */
  private async createJob(cj: CronJob, name: string, scheduled: number): Promise<Job | undefined> {
    const template = cj.spec.jobTemplate ?? {};
    const job: Job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name,
        labels: { ...template.metadata?.labels },
        annotations: { ...template.metadata?.annotations, [SCHEDULED_TIMESTAMP_ANNOTATION]: rfc3339In(scheduled, cj.spec.timeZone) },
        ownerReferences: [controllerRef(cj, 'batch/v1', 'CronJob')],
      },
      spec: structuredClone(template.spec ?? {}),
    };
    try {
      const made = await this.jobClient.create(cj.metadata.namespace, job);
      this.events.record(cj, 'Normal', 'SuccessfulCreate', `Created job ${made.metadata.name}`);
      return made;
    } catch (err) {
      if (!isAlreadyExists(err)) {
        this.events.record(cj, 'Warning', 'FailedCreate', `Error creating job: ${(err as Error).message}`);
        throw err;
      }
      // Made before (by us, before a restart, or by someone else): recorded only if it is ours and not yet listed.
      const existing = await this.jobClient.get(cj.metadata.namespace, name);
      if (controllerOf(existing)?.uid !== cj.metadata.uid || cj.status?.active?.some((r) => r.uid === existing.metadata.uid)) return undefined;
      return existing;
    }
  }

  private async deleteJob(cj: CronJob, namespace: string, name: string): Promise<void> {
    try {
      await this.jobClient.delete(namespace, name, { propagationPolicy: 'Background' });
      this.events.record(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${name}`);
    } catch (err) {
      if (isNotFound(err)) return;
      this.events.record(cj, 'Warning', 'FailedDelete', `Deleted job: ${(err as Error).message}`);
      throw err;
    }
  }

  /** Keeps the newest successfulJobsHistoryLimit complete and failedJobsHistoryLimit failed jobs. */
  private async removeOldJobs(cj: CronJob, jobs: Job[]): Promise<void> {
    const { successfulJobsHistoryLimit: keepComplete, failedJobsHistoryLimit: keepFailed } = cj.spec;
    const finished = jobs.filter(isFinished);
    for (const [limit, type] of [
      [keepComplete, 'Complete'],
      [keepFailed, 'Failed'],
    ] as const) {
      if (limit === undefined) continue;
      const old = finished.filter((j) => conditionTrue(j, type)).sort(byStartTime);
      for (const job of old.slice(0, Math.max(0, old.length - limit))) await this.deleteJob(cj, job.metadata.namespace!, job.metadata.name!);
    }
  }
}
