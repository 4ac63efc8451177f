// The ReplicaSet controller: keeps spec.replicas active pods that match a
// ReplicaSet's selector, as kube-controller-manager's does. It adopts
// matching orphans and releases owned pods whose labels no longer match;
// makes missing pods in slow-start batches (1, 2, 4, … stopping at the
// first failure); deletes the least useful pods first when there are too
// many; and reports replicas, fullyLabeledReplicas, readyReplicas and
// availableReplicas (ready for minReadySeconds). Expectations keep it from
// counting pods it made or deleted before its informer has seen them.
import type { Pod } from '../apiserver/registry/core/types.js';
import { timestamp } from '../apiserver/registry/generic-store.js';
import type { KubeObject } from '../apiserver/registry/types.js';
import type { LabelSelector } from '../apiserver/selectors.js';
import { isNotFound, PODS, REPLICASETS, type ApiClient, type ResourceClient } from '../client/client.js';
import type { EventRecorder } from '../client/events.js';
import { keyOf, type Informer } from '../client/informer.js';
import type { Informers } from '../client/informers.js';
import { Controller, type Reconciler } from './controller.js';
import { Expectations } from './expectations.js';
import { claim, indexForClaims, ownersSelecting } from './claim.js';
import {
  controllerOf,
  controllerRef,
  isPodActive,
  isPodAvailable,
  isPodReady,
  msUntilAvailable,
  podFromTemplate,
  resolveController,
  type PodTemplate,
} from './pod-control.js';
import { slowStart } from './slow-start.js';
import { writeStatus } from './status-writer.js';

/** At most this many pods are made or deleted in one pass (upstream's burstReplicas). */
const BURST_REPLICAS = 500;

export interface ReplicaSetCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

/** Why a pass could not reach spec.replicas, for the ReplicaFailure condition. */
interface Failure {
  reason: 'FailedCreate' | 'FailedDelete';
  error: Error;
}

export type ReplicaSet = KubeObject & {
  spec: { replicas?: number; minReadySeconds?: number; selector?: LabelSelector; template: PodTemplate };
  status?: {
    replicas?: number;
    fullyLabeledReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    observedGeneration?: number;
    conditions?: ReplicaSetCondition[];
  };
};


export class ReplicaSetController implements Reconciler {
  readonly name = 'replicaset-controller';
  private readonly controller: Controller;
  private readonly sets: Informer<ReplicaSet>;
  private readonly pods: Informer<Pod>;
  private readonly podClient: ResourceClient<Pod>;
  private readonly setClient: ResourceClient<ReplicaSet>;
  private readonly expectations = new Expectations();

  constructor(
    client: ApiClient,
    informers: Informers,
    private readonly recorder: EventRecorder,
    log: (message: string) => void = () => {},
    private readonly now: () => Date = () => new Date(),
  ) {
    this.podClient = client.resource<Pod>(PODS);
    this.setClient = client.resource<ReplicaSet>(REPLICASETS);
    this.sets = informers.for<ReplicaSet>(REPLICASETS);
    this.pods = informers.for<Pod>(PODS);
    indexForClaims(this.pods);
    this.controller = new Controller(this, { workers: 4, onError: log });
    this.sets.on({
      add: (rs) => this.controller.enqueue(keyOf(rs)),
      update: (_, rs) => this.controller.enqueue(keyOf(rs)),
      delete: (rs) => {
        this.expectations.forget(keyOf(rs));
        this.controller.enqueue(keyOf(rs));
      },
    });
    this.pods.on({
      add: (pod) => this.podAdded(pod),
      update: (old, pod) => this.podUpdated(old, pod),
      delete: (pod) => this.podDeleted(pod),
    });
  }

  start(): void {
    this.controller.start();
  }

  async stop(): Promise<void> {
    await this.controller.stop();
  }

  private ownerOf(pod: Pod): ReplicaSet | undefined {
    return resolveController(pod, 'ReplicaSet', this.sets);
  }

  /** An orphan may be adopted by any ReplicaSet whose selector it matches. */
  private enqueueMatching(pod: Pod): void {
    for (const rs of ownersSelecting(this.sets.list(), pod)) this.controller.enqueue(keyOf(rs));
  }

  private podAdded(pod: Pod): void {
    const owner = this.ownerOf(pod);
    if (owner) {
      this.expectations.creationObserved(keyOf(owner));
      this.controller.enqueue(keyOf(owner));
    } else if (!controllerOf(pod)) this.enqueueMatching(pod);
  }

  private podUpdated(old: Pod, pod: Pod): void {
    const owner = this.ownerOf(pod);
    // Deletions are expected by pod key: seeing a pod marked and then gone counts once.
    if (owner && pod.metadata.deletionTimestamp) this.expectations.deletionObserved(keyOf(owner), keyOf(pod));
    const before = this.ownerOf(old);
    if (before && before !== owner) this.controller.enqueue(keyOf(before));
    if (owner) this.controller.enqueue(keyOf(owner));
    else if (!controllerOf(pod)) this.enqueueMatching(pod);
  }

  private podDeleted(pod: Pod): void {
    const owner = this.ownerOf(pod);
    if (!owner) return;
    this.expectations.deletionObserved(keyOf(owner), keyOf(pod));
    this.controller.enqueue(keyOf(owner));
  }

  async reconcile(key: string): Promise<number | void> {
    const rs = this.sets.get(key);
    if (!rs) {
      this.expectations.forget(key);
      return;
    }
    const pods = await claim(rs, { informer: this.pods, client: this.podClient, ref: controllerRef(rs, 'apps/v1', 'ReplicaSet'), ownerClient: this.setClient });
    const active = pods.filter(isPodActive);
    let failure: Failure | undefined;
    if (this.expectations.satisfied(key) && !rs.metadata.deletionTimestamp) {
      failure = await this.manageReplicas(rs, active);
    }
    await this.updateStatus(rs, active, failure);
    if (failure) throw failure.error;
    return this.recheckForAvailability(rs, active);
  }

  /** Makes or deletes pods towards spec.replicas; returns the first failure, if any. */
  private async manageReplicas(rs: ReplicaSet, active: Pod[]): Promise<Failure | undefined> {
    const key = keyOf(rs);
    const diff = active.length - (rs.spec.replicas ?? 1);
    if (diff < 0) {
      const count = Math.min(-diff, BURST_REPLICAS);
      this.expectations.expect(key, count, 0);
      let failure: Error | undefined;
      const { notTried } = await slowStart(Array.from({ length: count }), () =>
        this.createPod(rs).then(
          () => true,
          (err: Error) => {
            failure ??= err;
            // A pod never made will never be observed.
            this.expectations.creationObserved(key);
            return false;
          },
        ),
      );
      for (let i = 0; i < notTried; i++) this.expectations.creationObserved(key);
      return failure && { reason: 'FailedCreate', error: failure };
    }
    if (diff > 0) {
      const victims = podsToDelete(active, Math.min(diff, BURST_REPLICAS));
      this.expectations.expect(key, 0, victims.map(keyOf));
      const results = await Promise.allSettled(victims.map((pod) => this.deletePod(rs, pod)));
      const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [{ pod: victims[i]!, err: r.reason as Error }] : []));
      // A pod whose deletion failed will not be seen going.
      for (const { pod } of failed) this.expectations.deletionObserved(key, keyOf(pod));
      return failed[0] && { reason: 'FailedDelete', error: failed[0].err };
    }
    return undefined;
  }

  private async createPod(rs: ReplicaSet): Promise<void> {
    const pod = podFromTemplate(rs.spec.template, controllerRef(rs, 'apps/v1', 'ReplicaSet'), { generateName: `${rs.metadata.name}-` });
    try {
      const created = await this.podClient.create(rs.metadata.namespace, pod);
      this.recorder.record(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
    } catch (err) {
      this.recorder.record(rs, 'Warning', 'FailedCreate', `Error creating: ${(err as Error).message}`);
      throw err;
    }
  }

  private async deletePod(rs: ReplicaSet, pod: Pod): Promise<void> {
    try {
      await this.podClient.delete(pod.metadata.namespace, pod.metadata.name!, { preconditions: { uid: pod.metadata.uid } });
      this.recorder.record(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
    } catch (err) {
      // Already gone: perhaps seen going before it was expected, so say it was.
      if (isNotFound(err)) return this.expectations.deletionObserved(keyOf(rs), keyOf(pod));
      this.recorder.record(rs, 'Warning', 'FailedDelete', `Error deleting: ${(err as Error).message}`);
      throw err;
    }
  }

  private async updateStatus(rs: ReplicaSet, active: Pod[], failure: Failure | undefined): Promise<void> {
    const now = this.now();
    const minReady = rs.spec.minReadySeconds ?? 0;
    const templateLabels = rs.spec.template.metadata?.labels ?? {};
    const count = (test: (pod: Pod) => boolean) => active.filter(test).length;
    const status: NonNullable<ReplicaSet['status']> = {
      replicas: active.length,
      fullyLabeledReplicas: count((pod) => Object.entries(templateLabels).every(([k, v]) => pod.metadata.labels?.[k] === v)),
      readyReplicas: count(isPodReady),
      availableReplicas: count((pod) => isPodAvailable(pod, minReady, now)),
      observedGeneration: rs.metadata.generation,
    };
    const conditions = replicaFailure(rs.status?.conditions ?? [], failure, now);
    // Go's omitempty: zero counts and an empty condition list are left out, as upstream writes them.
    for (const k of ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas'] as const) if (!status[k]) delete status[k];
    if (conditions.length) status.conditions = conditions;
    await writeStatus(this.setClient, rs, status).catch((err: unknown) => {
      if (!isNotFound(err)) throw err;
    });
  }

  /** Ready pods become available after minReadySeconds: look again then (nothing else would say so). */
  private recheckForAvailability(rs: ReplicaSet, active: Pod[]): number | undefined {
    const minReady = rs.spec.minReadySeconds ?? 0;
    if (!minReady) return undefined;
    const waits = active.map((pod) => msUntilAvailable(pod, minReady, this.now())).filter((ms): ms is number => ms !== undefined && ms > 0);
    return waits.length ? Math.min(...waits) + 10 : undefined;
  }
}

/** ReplicaFailure while making or deleting pods fails, gone once a pass succeeds. */
function replicaFailure(conditions: ReplicaSetCondition[], failure: Failure | undefined, now: Date): ReplicaSetCondition[] {
  const others = conditions.filter((c) => c.type !== 'ReplicaFailure');
  if (!failure) return others;
  const existing = conditions.find((c) => c.type === 'ReplicaFailure');
  const lastTransitionTime = existing?.status === 'True' ? existing.lastTransitionTime : timestamp(now);
  return [...others, { type: 'ReplicaFailure', status: 'True', lastTransitionTime, reason: failure.reason, message: failure.error.message }];
}

const PHASE_ORDER: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

function restarts(pod: Pod): number {
  const statuses = (pod.status?.containerStatuses as { restartCount?: number }[] | undefined) ?? [];
  return statuses.reduce((max, s) => Math.max(max, s.restartCount ?? 0), 0);
}

function readySince(pod: Pod): number {
  const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
  return ready?.lastTransitionTime ? Date.parse(ready.lastTransitionTime) : 0;
}

const deletionCost = (pod: Pod) => Number(pod.metadata.annotations?.['controller.kubernetes.io/pod-deletion-cost'] ?? 0) || 0;

/**
 * The `count` pods to delete first, in upstream's order: not yet on a node,
 * then pending before running, not ready before ready, lower deletion cost,
 * ready for less time, more restarts, newer.
 */
export function podsToDelete(pods: Pod[], count: number): Pod[] {
  const keyed = pods.map((pod) => ({ pod, ready: isPodReady(pod) }));
  keyed.sort((a, b) => {
    const assigned = Number(Boolean(a.pod.spec.nodeName)) - Number(Boolean(b.pod.spec.nodeName));
    if (assigned) return assigned;
    const phase = (PHASE_ORDER[a.pod.status?.phase ?? 'Pending'] ?? 0) - (PHASE_ORDER[b.pod.status?.phase ?? 'Pending'] ?? 0);
    if (phase) return phase;
    if (a.ready !== b.ready) return a.ready ? 1 : -1;
    const cost = deletionCost(a.pod) - deletionCost(b.pod);
    if (cost) return cost;
    if (a.ready && b.ready) {
      const since = readySince(b.pod) - readySince(a.pod);
      if (since) return since;
    }
    const restarted = restarts(b.pod) - restarts(a.pod);
    if (restarted) return restarted;
    return Date.parse(b.pod.metadata.creationTimestamp ?? '') - Date.parse(a.pod.metadata.creationTimestamp ?? '');
  });
  return keyed.slice(0, count).map((k) => k.pod);
}

