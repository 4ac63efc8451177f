// The Job controller, as kube-controller-manager's: runs pods from a job's
// template, up to parallelism, until `completions` of them have succeeded
// (NonIndexed), or until each index below `completions` has a pod that
// succeeded, or its successPolicy is met (Indexed, see job-indexes.ts), and
// writes what it saw into the job's status.
//
// Finished pods are counted with upstream's finalizer protocol, so a count
// survives the pod being deleted: every pod is made with the
// batch.kubernetes.io/job-tracking finalizer; a pod seen finished is first
// noted by UID in status.uncountedTerminatedPods, then loses its finalizer,
// then moves into status.succeeded / failed. Failed pods are replaced after
// upstream's back-off (10 s doubling per failure since the last success,
// at most 10 min). A job fails when its failures exceed backoffLimit, it
// outlives activeDeadlineSeconds, or its podFailurePolicy says so for a
// failed pod (job-failure-policy.ts; that policy may also ignore failures).
// An Indexed job with backoffLimitPerIndex retries each index on its own
// (the failures so far ride on the replacement pod's annotation) and gives
// up on an index past the limit; it fails with too many such indexes
// (maxFailedIndexes), or once the rest are done.
// As in v1.32, FailureTarget / SuccessCriteriaMet come first, and Failed /
// Complete follow once no pod of the job is still terminating. A finished
// job with ttlSecondsAfterFinished is deleted that long after it finished.
import { isDeepStrictEqual } from 'node:util';
import { timestamp } from '../apiserver/registry/generic-store.js';
import type { Pod } from '../apiserver/registry/core/types.js';
import { conditionTrue, type Job, type JobCondition, type JobStatus } from '../apiserver/registry/batch/jobs.js';
import { labelSelectorMatches } from '../apiserver/selectors.js';
import { isNotFound, JOBS, MERGE_PATCH, PODS, type ApiClient, type ResourceClient } from '../client/client.js';
import type { EventRecorder } from '../client/events.js';
import { keyOf, type Informer } from '../client/informer.js';
import type { Informers } from '../client/informers.js';
import { Controller, type Reconciler } from './controller.js';
import { Expectations } from './expectations.js';
import { podFailureDecision } from './job-failure-policy.js';
import {
  formatIndexes,
  generateNameWithIndex,
  INDEX_FAILURE_COUNT,
  INDEX_IGNORED_FAILURE_COUNT,
  indexedProgress,
  indexOf,
  matchSuccessPolicy,
  parseIndexes,
  podCount,
  withIndex,
  type SuccessPolicyRule,
} from './job-indexes.js';
import { CONTROLLER_UID_INDEX, controllerOf, controllerRef, indexByController, isPodReady, podFromTemplate, type PodTemplate } from './pod-control.js';

export const JOB_TRACKING_FINALIZER = 'batch.kubernetes.io/job-tracking';
const JOB_CONTROLLER_NAME = 'kubernetes.io/job-controller';
const POD_FAILURE_BACKOFF_MS = 10_000;
const MAX_POD_FAILURE_BACKOFF_MS = 10 * 60_000;
/** Pods of a job, by "namespace/job name", to find the pods of a job that is gone. */
const JOB_KEY_INDEX = 'job-key';

/** Failures since the last success and when the latest one happened: what the back-off counts from. */
interface BackoffRecord {
  failures: number;
  lastFailure: number;
}

/** How long a replacement still waits after `failures` failures, the latest at `lastFailure`. */
export function remainingBackoff(record: BackoffRecord | undefined, now: number): number {
  if (!record?.failures) return 0;
  const delay = Math.min(POD_FAILURE_BACKOFF_MS * 2 ** (record.failures - 1), MAX_POD_FAILURE_BACKOFF_MS);
  return Math.max(0, record.lastFailure + delay - now);
}

const hasFinalizer = (pod: Pod) => pod.metadata.finalizers?.includes(JOB_TRACKING_FINALIZER) ?? false;
const isSucceeded = (pod: Pod) => pod.status?.phase === 'Succeeded';
/** As upstream: a pod being deleted counts as failed, unless the job waits for failed pods only. */
function isFailed(pod: Pod, job: Job): boolean {
  if (pod.status?.phase === 'Failed') return true;
  if (job.spec.podReplacementPolicy === 'Failed') return false;
  return Boolean(pod.metadata.deletionTimestamp) && !isSucceeded(pod);
}
const isFinished = (job: Job) => conditionTrue(job, 'Complete') || conditionTrue(job, 'Failed');

type ContainerStatus = { restartCount?: number; state?: { terminated?: { finishedAt?: string } } };
const containerStatuses = (pod: Pod) => [...((pod.status?.initContainerStatuses as ContainerStatus[]) ?? []), ...((pod.status?.containerStatuses as ContainerStatus[]) ?? [])];

/** When a failed pod ended: its last container's exit, else its deletion, else now. */
function failedAt(pod: Pod, now: number): number {
  const ends = containerStatuses(pod).map((c) => Date.parse(c.state?.terminated?.finishedAt ?? '')).filter((t) => !Number.isNaN(t));
  if (ends.length) return Math.max(...ends);
  return pod.metadata.deletionTimestamp ? Math.min(now, Date.parse(pod.metadata.deletionTimestamp)) : now;
}

/** With backoffLimitPerIndex: too many indexes given up on, or none left to run and some given up on. */
function indexFailure(job: Job, failed: Set<number> | undefined, completed: Set<number> | undefined): FailureReason | undefined {
  if (!failed?.size) return undefined;
  if (job.spec.maxFailedIndexes !== undefined && failed.size > job.spec.maxFailedIndexes) return 'MaxFailedIndexesExceeded';
  return failed.size + (completed?.size ?? 0) >= (job.spec.completions ?? 0) ? 'FailedIndexes' : undefined;
}

function condition(type: string, reason: string, message: string, now: string, status = 'True'): JobCondition {
  return { type, status, lastProbeTime: now, lastTransitionTime: now, reason, message };
}

/** The conditions with `c` set: a new one, or the old one changed (its times move only when the status does). */
function withCondition(conditions: JobCondition[], c: JobCondition): JobCondition[] {
  const old = conditions.find((x) => x.type === c.type);
  if (!old) return [...conditions, c];
  if (old.status === c.status && old.reason === c.reason && old.message === c.message) return conditions;
  return conditions.map((x) => (x === old ? { ...c, lastTransitionTime: old.status === c.status ? old.lastTransitionTime : c.lastTransitionTime } : x));
}

/** Why a job failed, in upstream's words. */
const FAILURES = {
  BackoffLimitExceeded: 'Job has reached the specified backoff limit',
  DeadlineExceeded: 'Job was active longer than specified deadline',
  MaxFailedIndexesExceeded: 'Job has exceeded the specified maximal number of failed indexes',
  FailedIndexes: 'Job has failed indexes',
};
type FailureReason = keyof typeof FAILURES;
type Announcement = [type: 'Normal' | 'Warning', reason: string, message: string];
const COMPLETIONS_MESSAGE = 'Reached expected number of succeeded pods';

export interface JobControllerOptions {
  now?: () => Date;
  log?: (message: string) => void;
}

export class JobController implements Reconciler {
  readonly name = 'job-controller';
  private readonly controller: Controller;
  private readonly jobs: Informer<Job>;
  private readonly pods: Informer<Pod>;
  private readonly jobClient: ResourceClient<Job>;
  private readonly podClient: ResourceClient<Pod>;
  private readonly expectations: Expectations;
  private readonly backoff = new Map<string, BackoffRecord>();
  private readonly now: () => Date;

  constructor(
    client: ApiClient,
    informers: Informers,
    private readonly events: EventRecorder,
    options: JobControllerOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.expectations = new Expectations(() => this.now().getTime());
    this.jobClient = client.resource<Job>(JOBS);
    this.podClient = client.resource<Pod>(PODS);
    this.jobs = informers.for<Job>(JOBS);
    this.pods = informers.for<Pod>(PODS);
    indexByController(this.pods);
    if (!this.pods.hasIndex(JOB_KEY_INDEX)) {
      this.pods.addIndex(JOB_KEY_INDEX, (pod) => {
        const ref = controllerOf(pod);
        return ref?.kind === 'Job' ? [`${pod.metadata.namespace}/${ref.name}`] : [];
      });
    }
    this.controller = new Controller(this, { workers: 4, onError: options.log });
    this.jobs.on({
      add: (job) => this.controller.enqueue(keyOf(job)),
      update: (_, job) => this.controller.enqueue(keyOf(job)),
      delete: (job) => this.controller.enqueue(keyOf(job)),
    });
    this.pods.on({
      add: (pod) => {
        const key = this.jobKeyOf(pod);
        if (!key) return;
        this.expectations.creationObserved(key);
        this.controller.enqueue(key);
      },
      update: (old, pod) => {
        const key = this.jobKeyOf(pod);
        if (!key) return;
        if (!old.metadata.deletionTimestamp && pod.metadata.deletionTimestamp) this.expectations.deletionObserved(key);
        this.controller.enqueue(key);
      },
      delete: (pod) => {
        const key = this.jobKeyOf(pod);
        if (!key) return;
        if (!pod.metadata.deletionTimestamp) this.expectations.deletionObserved(key);
        this.controller.enqueue(key);
      },
    });
  }

  start(): void {
    this.controller.start();
  }

  async stop(): Promise<void> {
    await this.controller.stop();
  }

  private jobKeyOf(pod: Pod): string | undefined {
    const ref = controllerOf(pod);
    return ref?.kind === 'Job' && ref.apiVersion.startsWith('batch/') ? `${pod.metadata.namespace}/${ref.name}` : undefined;
  }

  async reconcile(key: string): Promise<number | void> {
    const job = this.jobs.get(key);
    // A job that is gone (or replaced by another of the same name) must not hold its pods back.
    const stale = this.pods.byIndex(JOB_KEY_INDEX, key).filter((p) => hasFinalizer(p) && controllerOf(p)?.uid !== job?.metadata.uid);
    await this.removeFinalizers(stale);
    if (!job) {
      this.expectations.forget(key);
      this.backoff.delete(key);
      return;
    }
    // A job another controller manages is left to it.
    if (job.spec.managedBy !== undefined && job.spec.managedBy !== JOB_CONTROLLER_NAME) return;
    const pods = this.pods.byIndex(CONTROLLER_UID_INDEX, job.metadata.uid!).filter((p) => labelSelectorMatches(job.spec.selector as never, p.metadata.labels));
    if (job.metadata.deletionTimestamp) {
      await this.removeFinalizers(pods.filter(hasFinalizer));
      return;
    }
    if (isFinished(job)) {
      await this.removeFinalizers(pods.filter(hasFinalizer));
      return this.expireAfterTTL(job);
    }
    return this.sync(key, job, pods);
  }

  private async sync(key: string, cached: Job, pods: Pod[]): Promise<number | void> {
    let job = cached;
    const nowDate = this.now();
    const now = nowDate.getTime();
    const stamp = timestamp(nowDate);
    const status: JobStatus = structuredClone(job.status ?? {});
    let conditions = status.conditions ?? [];
    const suspended = job.spec.suspend === true;
    if (!status.startTime && !suspended) status.startTime = stamp;

    // With backoffLimitPerIndex: the indexes given up on, those before and those failing now.
    const failedIndexes = job.spec.completionMode === 'Indexed' && job.spec.backoffLimitPerIndex !== undefined ? this.failedIndexes(job, pods) : undefined;
    if (failedIndexes) status.failedIndexes = formatIndexes(failedIndexes);

    // Finished pods: noted as uncounted, their finalizer removed, then counted.
    const uncounted = { succeeded: [...(status.uncountedTerminatedPods?.succeeded ?? [])], failed: [...(status.uncountedTerminatedPods?.failed ?? [])] };
    const noted = new Set([...uncounted.succeeded, ...uncounted.failed]);
    const ignored: Pod[] = [];
    const succeededAlready = conditionTrue(job, 'SuccessCriteriaMet');
    let newlyNoted = false;
    for (const pod of pods) {
      if (!hasFinalizer(pod) || noted.has(pod.metadata.uid!)) continue;
      if (isSucceeded(pod)) uncounted.succeeded.push(pod.metadata.uid!);
      else if (succeededAlready && pod.metadata.deletionTimestamp && pod.status?.phase !== 'Failed') {
        // Pods stopped because the job already succeeded are no failures.
        ignored.push(pod);
        continue;
      } else if (isFailed(pod, job)) {
        // The pod failure policy may ignore the failure, or fail the job for it (noted with the failure, so it is not lost).
        const decision = podFailureDecision(job.spec.podFailurePolicy?.rules ?? [], pod);
        if (decision.action === 'Ignore') {
          ignored.push(pod);
          continue;
        }
        if (decision.action === 'FailJob' && !conditionTrue({ status: { conditions } }, 'FailureTarget')) {
          conditions = withCondition(conditions, condition('FailureTarget', 'PodFailurePolicy', decision.message!, stamp));
          status.conditions = conditions;
        }
        uncounted.failed.push(pod.metadata.uid!);
      } else continue;
      noted.add(pod.metadata.uid!);
      newlyNoted = true;
    }
    if (newlyNoted) job = await this.writeStatus(job, { ...status, uncountedTerminatedPods: uncounted });
    const byUid = new Map(pods.map((p) => [p.metadata.uid!, p]));
    const released = await this.removeFinalizers([...ignored, ...pods.filter((p) => hasFinalizer(p) && noted.has(p.metadata.uid!))]);
    const countable = (uid: string) => released.has(uid) || !byUid.has(uid) || !hasFinalizer(byUid.get(uid)!);
    const newSucceeded = uncounted.succeeded.filter(countable);
    const newFailed = uncounted.failed.filter(countable);
    status.succeeded = (status.succeeded ?? 0) + newSucceeded.length;
    status.failed = (status.failed ?? 0) + newFailed.length;
    status.uncountedTerminatedPods = {
      ...(uncounted.succeeded.length > newSucceeded.length ? { succeeded: uncounted.succeeded.filter((u) => !countable(u)) } : {}),
      ...(uncounted.failed.length > newFailed.length ? { failed: uncounted.failed.filter((u) => !countable(u)) } : {}),
    };
    this.recordBackoff(key, newSucceeded.length, newFailed.map((u) => byUid.get(u)), now);

    const active = pods.filter((p) => !isSucceeded(p) && p.status?.phase !== 'Failed' && !p.metadata.deletionTimestamp);
    let pendingSucceeded = status.succeeded + (status.uncountedTerminatedPods.succeeded?.length ?? 0);
    // Indexed: what counts is the indexes done, however many pods it took.
    let completed: Set<number> | undefined;
    if (job.spec.completionMode === 'Indexed') {
      const progress = indexedProgress(job, status.completedIndexes, newSucceeded.map((u) => byUid.get(u)), (status.uncountedTerminatedPods.succeeded ?? []).map((u) => byUid.get(u)));
      completed = progress.completed;
      status.succeeded = completed.size;
      if (completed.size) status.completedIndexes = formatIndexes(completed);
      pendingSucceeded = progress.pending;
    }
    const pendingFailed = status.failed + (status.uncountedTerminatedPods.failed?.length ?? 0);
    let requeue: number | undefined;
    const later = (ms: number) => (requeue = requeue === undefined ? ms : Math.min(requeue, ms));

    // Has the job failed, or succeeded? (Decided once: the target conditions stay.)
    const decidedBefore = conditions;
    if (!conditionTrue({ status: { conditions } }, 'FailureTarget') && !conditionTrue({ status: { conditions } }, 'SuccessCriteriaMet')) {
      const failure = this.failureReason(job, active, pendingFailed, status.startTime, now, later) ?? indexFailure(job, failedIndexes, completed);
      const policy = completed && matchSuccessPolicy((job.spec.successPolicy as { rules?: SuccessPolicyRule[] } | undefined)?.rules ?? [], completed, job.spec.completions ?? 0);
      if (failure) conditions = withCondition(conditions, condition('FailureTarget', failure, FAILURES[failure], stamp));
      else if (policy) conditions = withCondition(conditions, condition('SuccessCriteriaMet', 'SuccessPolicy', policy, stamp));
      else if (this.succeeded(job, pendingSucceeded, active.length)) conditions = withCondition(conditions, condition('SuccessCriteriaMet', 'CompletionsReached', COMPLETIONS_MESSAGE, stamp));
    }
    const failureTarget = conditions.find((c) => c.type === 'FailureTarget' && c.status === 'True');
    const successMet = conditionTrue({ status: { conditions } }, 'SuccessCriteriaMet');

    // The decision is written before any pod is stopped for it, so the next look counts those pods by it.
    if (conditions !== decidedBefore) job = await this.writeStatus(job, { ...status, conditions });
    let deleting = 0;
    if (failureTarget || successMet || suspended) {
      deleting = await this.deletePods(key, job, active);
    } else if (this.expectations.satisfied(key)) {
      await this.managePods(key, job, pods, active, pendingSucceeded, completed, failedIndexes, now, later);
    }
    // Events about the job's state go out once the state is written (a lost write must not repeat them).
    const announce: Announcement[] = [];
    if (!failureTarget && !successMet) conditions = this.suspension(job, conditions, stamp, status, announce);

    const terminating = pods.filter((p) => p.metadata.deletionTimestamp && !isSucceeded(p) && p.status?.phase !== 'Failed').length;
    const settled = terminating === 0 && deleting === 0 && active.length === 0 && !status.uncountedTerminatedPods.succeeded && !status.uncountedTerminatedPods.failed;
    if (failureTarget && settled) {
      conditions = withCondition(conditions, condition('Failed', failureTarget.reason!, failureTarget.message!, stamp));
      announce.push(['Warning', failureTarget.reason!, failureTarget.message!]);
    } else if (successMet && settled) {
      const met = conditions.find((c) => c.type === 'SuccessCriteriaMet')!;
      conditions = withCondition(conditions, condition('Complete', met.reason!, met.message!, stamp));
      status.completionTime = stamp;
      announce.push(['Normal', 'Completed', 'Job completed']);
    }
    status.conditions = conditions;
    status.active = suspended || failureTarget || successMet ? 0 : active.length;
    status.ready = suspended || failureTarget || successMet ? 0 : active.filter(isPodReady).length;
    status.terminating = terminating + deleting;
    if (!status.conditions.length) delete status.conditions;
    // As upstream's JSON: these counters are left out when zero (ready and terminating are not).
    for (const k of ['active', 'succeeded', 'failed'] as const) if (!status[k]) delete status[k];
    job = await this.writeStatus(job, status);
    for (const [type, reason, message] of announce) this.events.record(job, type, reason, message);
    return requeue;
  }

  /** BackoffLimitExceeded or DeadlineExceeded, when the job has failed; else asks to look again at the deadline. */
  private failureReason(job: Job, active: Pod[], failed: number, startTime: string | undefined, now: number, later: (ms: number) => void): FailureReason | undefined {
    const limit = job.spec.backoffLimit ?? 6;
    if (failed > limit) return 'BackoffLimitExceeded';
    // With restartPolicy OnFailure, failures are container restarts inside the pods.
    if (job.spec.template?.spec?.restartPolicy === 'OnFailure') {
      const restarts = active.flatMap(containerStatuses).reduce((sum, c) => sum + (c.restartCount ?? 0), 0);
      if (limit === 0 ? restarts > 0 : restarts >= limit) return 'BackoffLimitExceeded';
    }
    const deadline = job.spec.activeDeadlineSeconds;
    if (deadline !== undefined && startTime && job.spec.suspend !== true) {
      const left = Date.parse(startTime) + deadline * 1000 - now;
      if (left <= 0) return 'DeadlineExceeded';
      later(left);
    }
    return undefined;
  }

  /** Enough pods succeeded: `completions` of them, or (without completions) one, with none still running. */
  private succeeded(job: Job, succeeded: number, active: number): boolean {
    const completions = job.spec.completions;
    return completions === undefined ? succeeded > 0 && active === 0 : succeeded >= completions;
  }

  /** The Suspended condition follows spec.suspend (a False one only once there was a True one); resuming restarts startTime. */
  private suspension(job: Job, conditions: JobCondition[], stamp: string, status: JobStatus, announce: Announcement[]): JobCondition[] {
    const was = conditions.find((c) => c.type === 'Suspended');
    if (job.spec.suspend) {
      if (was?.status === 'True') return conditions;
      announce.push(['Normal', 'Suspended', 'Job suspended']);
      return withCondition(conditions, condition('Suspended', 'JobSuspended', 'Job suspended', stamp));
    }
    if (was?.status !== 'True') return conditions;
    // The deadline counts continuous activity: it starts again.
    announce.push(['Normal', 'Resumed', 'Job resumed']);
    status.startTime = stamp;
    return withCondition(conditions, condition('Suspended', 'JobResumed', 'Job resumed', stamp, 'False'));
  }

  /** Creates the pods still wanted (parallelism, bounded by the completions left), after the failure back-off. */
  private async managePods(
    key: string,
    job: Job,
    pods: Pod[],
    active: Pod[],
    succeeded: number,
    completed: Set<number> | undefined,
    failedIndexes: Set<number> | undefined,
    now: number,
    later: (ms: number) => void,
  ): Promise<void> {
    const parallelism = job.spec.parallelism ?? 1;
    const completions = job.spec.completions;
    // Indexed: a pod whose index is out of range (completions lowered), done already, or taken by another goes first.
    if (completed) {
      const seen = new Set<number>();
      const extra = active.filter((p) => {
        const index = indexOf(p, completions ?? 0);
        if (index === undefined || completed.has(index) || seen.has(index)) return true;
        seen.add(index);
        return false;
      });
      if (extra.length) {
        await this.deletePods(key, job, extra);
        return;
      }
    }
    const wanted = completions === undefined ? (succeeded > 0 ? 0 : parallelism) : Math.max(0, Math.min(completions - succeeded, parallelism));
    // Too many (parallelism lowered): the ones not ready yet go first.
    if (active.length > wanted) {
      await this.deletePods(key, job, [...active].sort((a, b) => Number(isPodReady(a)) - Number(isPodReady(b))).slice(0, active.length - wanted));
      return;
    }
    // podReplacementPolicy Failed: a pod still terminating is replaced only once it has failed.
    const terminating = job.spec.podReplacementPolicy === 'Failed' ? pods.filter((p) => p.metadata.deletionTimestamp && !isSucceeded(p) && p.status?.phase !== 'Failed') : [];
    const missing = wanted - active.length - terminating.length;
    if (missing <= 0) return;
    // With backoffLimitPerIndex each index has its own back-off; otherwise the job has one.
    const lastFailed = failedIndexes ? this.lastFailedPerIndex(job, pods) : undefined;
    const wait = lastFailed ? 0 : remainingBackoff(this.backoff.get(key), now);
    if (wait > 0) {
      later(wait);
      return;
    }
    // Indexed: the lowest indexes neither done, running, given up on nor backing off.
    const running = new Set([...active, ...terminating].map((p) => indexOf(p, job.spec.completions ?? 0)));
    const backingOff = (i: number) => {
      const pod = lastFailed?.get(i);
      const left = pod ? remainingBackoff({ failures: podCount(pod, INDEX_FAILURE_COUNT) + podCount(pod, INDEX_IGNORED_FAILURE_COUNT) + 1, lastFailure: failedAt(pod, now) }, now) : 0;
      if (left > 0) later(left);
      return left > 0;
    };
    const indexes = completed
      ? Array.from({ length: job.spec.completions ?? 0 }, (_, i) => i)
          .filter((i) => !completed.has(i) && !running.has(i) && !failedIndexes?.has(i) && !backingOff(i))
          .slice(0, missing)
      : undefined;
    const count = indexes?.length ?? missing;
    if (!count) return;
    this.expectations.expect(key, count, 0);
    const template = job.spec.template as PodTemplate;
    const ref = controllerRef(job, 'batch/v1', 'Job');
    const name = job.metadata.name!;
    for (let i = 0; i < count; i++) {
      const index = indexes?.[i];
      const pod = podFromTemplate(template, ref, { generateName: index === undefined ? `${name}-` : generateNameWithIndex(name, index) });
      if (index !== undefined) withIndex(pod, index, name);
      if (index !== undefined && lastFailed) this.countIndexFailures(job, pod, lastFailed.get(index));
      pod.metadata.finalizers = [...(pod.metadata.finalizers ?? []), JOB_TRACKING_FINALIZER];
      try {
        const made = await this.podClient.create(job.metadata.namespace, pod);
        this.events.record(job, 'Normal', 'SuccessfulCreate', `Created pod: ${made.metadata.name}`);
      } catch (err) {
        // The pods not made will not be seen: expect them no longer.
        for (let j = i; j < count; j++) this.expectations.creationObserved(key);
        this.events.record(job, 'Warning', 'FailedCreate', `Error creating: ${(err as Error).message}`);
        throw err;
      }
    }
  }

  /** Whether a failed pod's failure gives up on its index: FailIndex, or a counted failure past backoffLimitPerIndex. */
  private failsIndex(job: Job, pod: Pod): boolean {
    if (!isFailed(pod, job)) return false;
    const { action } = podFailureDecision(job.spec.podFailurePolicy?.rules ?? [], pod);
    if (action === 'FailIndex') return true;
    return action !== 'Ignore' && podCount(pod, INDEX_FAILURE_COUNT) >= job.spec.backoffLimitPerIndex!;
  }

  /** status.failedIndexes and the indexes of failed pods not counted yet that give up on theirs. */
  private failedIndexes(job: Job, pods: Pod[]): Set<number> {
    const completions = job.spec.completions ?? 0;
    const failed = parseIndexes(job.status?.failedIndexes, completions);
    for (const pod of pods) {
      const index = indexOf(pod, completions);
      if (index !== undefined && hasFinalizer(pod) && this.failsIndex(job, pod)) failed.add(index);
    }
    return failed;
  }

  /** Per index, the failed pod a new one replaces: the one with most failures before it, the latest on a tie. */
  private lastFailedPerIndex(job: Job, pods: Pod[]): Map<number, Pod> {
    const completions = job.spec.completions ?? 0;
    const last = new Map<number, Pod>();
    const failures = (p: Pod) => podCount(p, INDEX_FAILURE_COUNT) + podCount(p, INDEX_IGNORED_FAILURE_COUNT);
    const now = this.now().getTime();
    for (const pod of pods) {
      const index = indexOf(pod, completions);
      if (index === undefined || !isFailed(pod, job)) continue;
      const seen = last.get(index);
      if (!seen || failures(seen) < failures(pod) || (failures(seen) === failures(pod) && failedAt(pod, now) >= failedAt(seen, now))) last.set(index, pod);
    }
    return last;
  }

  /** A pod replacing a failed one of its index carries the index's failures so far (and, apart, the ignored ones). */
  private countIndexFailures(job: Job, pod: Pod, replaced: Pod | undefined): void {
    let failures = replaced ? podCount(replaced, INDEX_FAILURE_COUNT) : 0;
    let ignored = replaced ? podCount(replaced, INDEX_IGNORED_FAILURE_COUNT) : 0;
    if (replaced) {
      if (podFailureDecision(job.spec.podFailurePolicy?.rules ?? [], replaced).action === 'Ignore') ignored++;
      else failures++;
    }
    pod.metadata.annotations = { ...pod.metadata.annotations, [INDEX_FAILURE_COUNT]: String(failures), ...(ignored ? { [INDEX_IGNORED_FAILURE_COUNT]: String(ignored) } : {}) };
  }

  /** Deletes pods (they keep their finalizer until counted); returns how many are being deleted. */
  private async deletePods(key: string, job: Job, pods: Pod[]): Promise<number> {
    if (!pods.length) return 0;
    this.expectations.expect(key, 0, pods.length);
    let deleted = 0;
    for (const pod of pods) {
      try {
        await this.podClient.delete(pod.metadata.namespace, pod.metadata.name!);
        this.events.record(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
        deleted++;
      } catch (err) {
        this.expectations.deletionObserved(key);
        if (!isNotFound(err)) throw err;
      }
    }
    return deleted;
  }

  /** Removes the tracking finalizer; returns the UIDs of the pods that no longer have it. */
  private async removeFinalizers(pods: Pod[]): Promise<Set<string>> {
    const done = new Set<string>();
    for (const pod of pods) {
      const rest = (pod.metadata.finalizers ?? []).filter((f) => f !== JOB_TRACKING_FINALIZER);
      try {
        await this.podClient.patch(pod.metadata.namespace, pod.metadata.name!, { metadata: { finalizers: rest.length ? rest : null } }, MERGE_PATCH);
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      done.add(pod.metadata.uid!);
    }
    return done;
  }

  /** Failures since the last success, for the back-off; a success starts the count over. */
  private recordBackoff(key: string, succeeded: number, failed: (Pod | undefined)[], now: number): void {
    let record = this.backoff.get(key) ?? { failures: 0, lastFailure: 0 };
    if (succeeded > 0) record = { failures: 0, lastFailure: 0 };
    for (const pod of failed) record = { failures: record.failures + 1, lastFailure: Math.max(record.lastFailure, pod ? failedAt(pod, now) : now) };
    this.backoff.set(key, record);
  }

  /** Writes the status over the version the controller read (a conflict means: look again). */
  private async writeStatus(job: Job, status: JobStatus): Promise<Job> {
    if (isDeepStrictEqual(status, job.status ?? {})) return job;
    return this.jobClient.update(job.metadata.namespace, { ...job, status }, 'status');
  }

  /** A finished job with ttlSecondsAfterFinished goes that long after it finished, its pods with it. */
  private async expireAfterTTL(job: Job): Promise<number | void> {
    const ttl = job.spec.ttlSecondsAfterFinished;
    if (ttl === undefined) return;
    const finished = job.status?.conditions?.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True')?.lastTransitionTime;
    const left = (finished ? Date.parse(finished) : this.now().getTime()) + ttl * 1000 - this.now().getTime();
    if (left > 0) return left;
    await this.jobClient.delete(job.metadata.namespace, job.metadata.name!, { propagationPolicy: 'Background', preconditions: { uid: job.metadata.uid } }).catch((err: unknown) => {
      if (!isNotFound(err)) throw err;
    });
  }
}
