// The Deployment controller, as kube-controller-manager's: a Deployment
// owns one ReplicaSet per pod template it has had (named after the
// template's hash); the one running the current template is the "new"
// ReplicaSet, the rest are old. Each reconcile takes one step:
// - a Deployment being deleted only reports status (the garbage collector
//   removes its ReplicaSets);
// - paused, or resized (a ReplicaSet's desired-replicas annotation differs
//   from spec.replicas): ReplicaSets are resized, proportionally in the
//   middle of a rolling update;
// - RollingUpdate: grow the new ReplicaSet up to replicas+maxSurge, shrink
//   old ones while at least replicas-maxUnavailable pods stay available;
// - Recreate: scale old ReplicaSets to zero, wait for their pods to go,
//   then bring up the new one.
// Status and the Available/Progressing conditions follow upstream's words;
// old ReplicaSets beyond revisionHistoryLimit are deleted once empty.
import type { Pod } from '../../apiserver/registry/core/types.js';
import { timestamp } from '../../apiserver/registry/generic-store.js';
import { DEPLOYMENTS, isAlreadyExists, isNotFound, PODS, REPLICASETS, type ApiClient, type ResourceClient } from '../../client/client.js';
import type { EventRecorder } from '../../client/events.js';
import { keyOf, type Informer } from '../../client/informer.js';
import type { Informers } from '../../client/informers.js';
import { Controller, type Reconciler } from '../controller.js';
import { claim, indexForClaims, ownersSelecting } from '../claim.js';
import { CONTROLLER_UID_INDEX, controllerOf, controllerRef, indexByController, resolveController } from '../pod-control.js';
import type { ReplicaSet } from '../replicaset.js';
import { writeStatus } from '../status-writer.js';
import {
  activeOrLatest,
  calculateStatus,
  DESIRED_REPLICAS,
  desiredReplicasOf,
  fenceposts,
  findNewReplicaSet,
  getCondition,
  hasProgressDeadline,
  isActive,
  isComplete,
  isProgressing,
  isSaturated,
  MAX_REPLICAS,
  maxRevision,
  maxSurge,
  msToDeadline,
  newCondition,
  newReplicaSetReplicas,
  POD_TEMPLATE_HASH,
  proportionalSizes,
  replicasOf,
  replicaSetAnnotations,
  REVISION,
  revisionOf,
  setCondition,
  specReplicas,
  templateHash,
  type Deployment,
  type DeploymentStatus,
} from './rollout-math.js';

/** What one step found: the ReplicaSets as they are after it, and the new one if there is one. */
interface ReplicaSets {
  newRS: ReplicaSet | undefined;
  olds: ReplicaSet[];
}

export class DeploymentController implements Reconciler {
  readonly name = 'deployment-controller';
  private readonly controller: Controller;
  private readonly deployments: Informer<Deployment>;
  private readonly sets: Informer<ReplicaSet>;
  private readonly pods: Informer<Pod>;
  private readonly deploymentClient: ResourceClient<Deployment>;
  private readonly setClient: ResourceClient<ReplicaSet>;

  constructor(
    client: ApiClient,
    informers: Informers,
    private readonly recorder: EventRecorder,
    log: (message: string) => void = () => {},
    private readonly now: () => Date = () => new Date(),
  ) {
    this.deploymentClient = client.resource<Deployment>(DEPLOYMENTS);
    this.setClient = client.resource<ReplicaSet>(REPLICASETS);
    this.deployments = informers.for<Deployment>(DEPLOYMENTS);
    this.sets = informers.for<ReplicaSet>(REPLICASETS);
    this.pods = informers.for<Pod>(PODS);
    indexForClaims(this.sets);
    indexByController(this.pods);
    this.controller = new Controller(this, { workers: 4, onError: log });
    const enqueue = (d: Deployment) => this.controller.enqueue(keyOf(d));
    this.deployments.on({ add: enqueue, update: (_, d) => enqueue(d), delete: enqueue });
    const setChanged = (rs: ReplicaSet) => {
      const owner = this.ownerOf(rs);
      if (owner) enqueue(owner);
      else if (!controllerOf(rs)) for (const d of ownersSelecting(this.deployments.list(), rs)) enqueue(d);
    };
    this.sets.on({ add: setChanged, update: (old, rs) => (setChanged(old), setChanged(rs)), delete: setChanged });
    // Recreate waits for the old pods to be gone, which only their deletion tells.
    this.pods.on({
      delete: (pod) => {
        const rs = this.setOf(pod);
        const owner = rs && this.ownerOf(rs);
        if (owner?.spec.strategy?.type === 'Recreate') enqueue(owner);
      },
    });
  }

  start(): void {
    this.controller.start();
  }

  async stop(): Promise<void> {
    await this.controller.stop();
  }

  private ownerOf(rs: ReplicaSet): Deployment | undefined {
    return resolveController(rs, 'Deployment', this.deployments);
  }

  private setOf(pod: Pod): ReplicaSet | undefined {
    return resolveController(pod, 'ReplicaSet', this.sets);
  }

  async reconcile(key: string): Promise<number | void> {
    const cached = this.deployments.get(key);
    if (!cached) return;
    // Steps change the Deployment's status and annotations as they go: work on a copy.
    const d = structuredClone(cached);
    const sets = await claim(d, { informer: this.sets, client: this.setClient, ref: controllerRef(d, 'apps/v1', 'Deployment'), ownerClient: this.deploymentClient });
    if (d.metadata.deletionTimestamp) return this.syncStatusOnly(d, sets);
    this.checkPausedConditions(d);
    if (d.spec.paused || this.isScalingEvent(d, sets)) return this.resize(d, sets);
    if (d.spec.strategy?.type === 'Recreate') return this.rolloutRecreate(d, sets);
    return this.rolloutRolling(d, sets);
  }

  private split(d: Deployment, all: ReplicaSet[]): ReplicaSets {
    const newRS = findNewReplicaSet(d, all);
    return { newRS, olds: all.filter((rs) => rs !== newRS) };
  }

  /** Paused and resumed Deployments say so in their Progressing condition (unless it already says the deadline passed). */
  private checkPausedConditions(d: Deployment): void {
    if (!hasProgressDeadline(d)) return;
    const condition = getCondition(d.status, 'Progressing');
    if (condition?.reason === 'ProgressDeadlineExceeded') return;
    const pausedNoted = condition?.reason === 'DeploymentPaused';
    const status = (d.status ??= {});
    const now = timestamp(this.now());
    if (d.spec.paused && !pausedNoted) setCondition(status, newCondition('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused', now));
    else if (!d.spec.paused && pausedNoted) setCondition(status, newCondition('Progressing', 'Unknown', 'DeploymentResumed', 'Deployment is resumed', now));
  }

  private isScalingEvent(d: Deployment, all: ReplicaSet[]): boolean {
    return all.filter(isActive).some((rs) => {
      const desired = desiredReplicasOf(rs);
      return desired !== undefined && desired !== replicasOf(d);
    });
  }

  /**
   * The new ReplicaSet with its revision brought up to date, made when
   * `create` and missing. Records the revision on the Deployment too.
   */
  private async newReplicaSet(d: Deployment, { newRS, olds }: ReplicaSets, create: boolean): Promise<ReplicaSet | undefined> {
    const revision = maxRevision(olds) + 1;
    const now = timestamp(this.now());
    if (newRS) {
      const annotations = replicaSetAnnotations(d, newRS, revision, true);
      if (annotations || (newRS.spec.minReadySeconds ?? 0) !== (d.spec.minReadySeconds ?? 0)) {
        newRS = await this.setClient.update(newRS.metadata.namespace, {
          ...newRS,
          metadata: { ...newRS.metadata, annotations: annotations ?? newRS.metadata.annotations },
          spec: { ...newRS.spec, minReadySeconds: d.spec.minReadySeconds ?? 0 },
        });
      }
      this.setRevision(d, revisionOf(newRS));
      if (hasProgressDeadline(d) && !getCondition(d.status, 'Progressing')) {
        setCondition((d.status ??= {}), newCondition('Progressing', 'True', 'FoundNewReplicaSet', `Found new replica set "${newRS.metadata.name}"`, now));
      }
      return newRS;
    }
    if (!create) return undefined;
    const hash = templateHash(d.spec.template, d.status?.collisionCount);
    const template = structuredClone(d.spec.template);
    template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH]: hash } };
    const fresh: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: d.metadata.namespace,
        labels: template.metadata.labels,
        ownerReferences: [controllerRef(d, 'apps/v1', 'Deployment')],
      },
      spec: {
        replicas: 0,
        minReadySeconds: d.spec.minReadySeconds ?? 0,
        selector: { ...d.spec.selector, matchLabels: { ...d.spec.selector.matchLabels, [POD_TEMPLATE_HASH]: hash } },
        template,
      },
    };
    fresh.spec.replicas = newReplicaSetReplicas(d, olds, fresh);
    fresh.metadata.annotations = replicaSetAnnotations(d, fresh, revision, false);
    let created: ReplicaSet;
    try {
      created = await this.setClient.create(d.metadata.namespace, fresh);
    } catch (err) {
      if (!isAlreadyExists(err)) {
        const message = `Failed to create new replica set "${fresh.metadata.name}": ${(err as Error).message}`;
        this.recorder.record(d, 'Warning', 'ReplicaSetCreateError', message);
        if (hasProgressDeadline(d)) {
          const status = (d.status ??= {});
          setCondition(status, newCondition('Progressing', 'False', 'ReplicaSetCreateError', message, now));
          await this.writeStatus(d, status);
        }
        throw err;
      }
      // A ReplicaSet of that name with another template: hash again with a higher collision count.
      const existing = await this.setClient.find(d.metadata.namespace, fresh.metadata.name!);
      if (existing && controllerOf(existing)?.uid === d.metadata.uid && findNewReplicaSet(d, [existing])) return existing;
      const status = (d.status ??= {});
      status.collisionCount = (status.collisionCount ?? 0) + 1;
      await this.writeStatus(d, status);
      throw new Error(`hash collision for ReplicaSet ${fresh.metadata.name}; collisionCount is now ${status.collisionCount}`);
    }
    if (replicasOf(created) > 0) {
      this.recorder.record(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name} from 0 to ${replicasOf(created)}`);
    }
    this.setRevision(d, revision);
    if (hasProgressDeadline(d)) {
      setCondition((d.status ??= {}), newCondition('Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${created.metadata.name}"`, now));
    }
    return created;
  }

  /** The Deployment's revision annotation follows its newest ReplicaSet's (written with its status). */
  private setRevision(d: Deployment, revision: number): void {
    if (d.metadata.annotations?.[REVISION] === String(revision)) return;
    d.metadata.annotations = { ...d.metadata.annotations, [REVISION]: String(revision) };
  }

  /** Sizes a ReplicaSet (and records for which Deployment size), with upstream's ScalingReplicaSet event. */
  private async scale(d: Deployment, rs: ReplicaSet, replicas: number, direction?: string): Promise<ReplicaSet> {
    const desired = String(replicasOf(d));
    const max = String(replicasOf(d) + maxSurge(d));
    const annotations = rs.metadata.annotations ?? {};
    if (replicasOf(rs) === replicas && annotations[DESIRED_REPLICAS] === desired && annotations[MAX_REPLICAS] === max) return rs;
    const updated = await this.setClient.update(rs.metadata.namespace, {
      ...rs,
      metadata: { ...rs.metadata, annotations: { ...annotations, [DESIRED_REPLICAS]: desired, [MAX_REPLICAS]: max } },
      spec: { ...rs.spec, replicas },
    });
    if (replicasOf(rs) !== replicas) {
      const way = direction || (replicas > replicasOf(rs) ? 'up' : 'down');
      this.recorder.record(d, 'Normal', 'ScalingReplicaSet', `Scaled ${way} replica set ${rs.metadata.name} from ${replicasOf(rs)} to ${replicas}`);
    }
    return updated;
  }

  private async rolloutRolling(d: Deployment, all: ReplicaSet[]): Promise<number | void> {
    const split = this.split(d, all);
    const newRS = await this.newReplicaSet(d, split, true);
    let olds = split.olds;
    const current = () => [...olds, newRS!];

    // Grow the new ReplicaSet first, as far as surge allows.
    if (replicasOf(newRS!) !== replicasOf(d)) {
      const target = replicasOf(newRS!) > replicasOf(d) ? replicasOf(d) : newReplicaSetReplicas(d, current(), newRS!);
      if (target !== replicasOf(newRS!)) return this.syncRolloutStatus(d, current(), await this.scale(d, newRS!, target));
    }
    // Then shrink old ones as far as availability allows.
    const scaledDown = await this.scaleDownOld(d, olds, newRS!);
    if (scaledDown) {
      olds = scaledDown;
      return this.syncRolloutStatus(d, current(), newRS);
    }
    if (isComplete(d, d.status ?? {})) await this.cleanup(d, olds);
    return this.syncRolloutStatus(d, current(), newRS);
  }

  /**
   * Scales old ReplicaSets down: first the pods that are not available
   * anyway, then available ones while replicas-maxUnavailable stay
   * available. Undefined when nothing changed.
   */
  private async scaleDownOld(d: Deployment, olds: ReplicaSet[], newRS: ReplicaSet): Promise<ReplicaSet[] | undefined> {
    if (specReplicas(olds) === 0) return undefined;
    const all = [...olds, newRS];
    const minAvailable = replicasOf(d) - fenceposts(d).unavailable;
    const newUnavailable = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
    let budget = specReplicas(all) - minAvailable - newUnavailable;
    if (budget <= 0) return undefined;
    const oldestFirst = [...olds].sort((a, b) => Date.parse(a.metadata.creationTimestamp!) - Date.parse(b.metadata.creationTimestamp!));
    const sizes = new Map(oldestFirst.map((rs) => [rs, replicasOf(rs)]));
    // Unhealthy pods of old ReplicaSets cost no availability.
    for (const rs of oldestFirst) {
      if (budget <= 0) break;
      const unhealthy = replicasOf(rs) - (rs.status?.availableReplicas ?? 0);
      const cut = Math.min(budget, unhealthy, sizes.get(rs)!);
      if (cut > 0) {
        sizes.set(rs, sizes.get(rs)! - cut);
        budget -= cut;
      }
    }
    const available = all.reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0);
    let healthyCut = available - minAvailable;
    for (const rs of oldestFirst) {
      if (healthyCut <= 0) break;
      const cut = Math.min(sizes.get(rs)!, healthyCut);
      sizes.set(rs, sizes.get(rs)! - cut);
      healthyCut -= cut;
    }
    if (oldestFirst.every((rs) => sizes.get(rs) === replicasOf(rs))) return undefined;
    const result: ReplicaSet[] = [];
    for (const rs of oldestFirst) result.push(sizes.get(rs) === replicasOf(rs) ? rs : await this.scale(d, rs, sizes.get(rs)!, 'down'));
    return result;
  }

  private async rolloutRecreate(d: Deployment, all: ReplicaSet[]): Promise<number | void> {
    const split = this.split(d, all);
    let newRS = await this.newReplicaSet(d, split, false);
    const activeOlds = split.olds.filter(isActive);
    if (activeOlds.length) {
      const olds = await Promise.all(split.olds.map((rs) => (isActive(rs) ? this.scale(d, rs, 0, 'down') : rs)));
      return this.syncRolloutStatus(d, [...olds, ...(newRS ? [newRS] : [])], newRS);
    }
    if (this.oldPodsRunning(split.olds, newRS)) return this.syncRolloutStatus(d, all, newRS);
    newRS ??= await this.newReplicaSet(d, split, true);
    newRS = await this.scale(d, newRS!, replicasOf(d), 'up');
    if (isComplete(d, d.status ?? {})) await this.cleanup(d, split.olds);
    return this.syncRolloutStatus(d, [...split.olds, newRS], newRS);
  }

  /** Whether pods of old ReplicaSets still exist and have not finished (Recreate waits for them). */
  private oldPodsRunning(olds: ReplicaSet[], newRS: ReplicaSet | undefined): boolean {
    if (olds.some((rs) => (rs.status?.replicas ?? 0) > 0)) return true;
    return olds
      .filter((rs) => rs !== newRS)
      .some((rs) => this.pods.byIndex(CONTROLLER_UID_INDEX, rs.metadata.uid!).some((pod) => pod.status?.phase !== 'Failed' && pod.status?.phase !== 'Succeeded'));
  }

  /** Paused or resized: ReplicaSets follow spec.replicas without rolling anything out. */
  private async resize(d: Deployment, all: ReplicaSet[]): Promise<void> {
    const split = this.split(d, all);
    const newRS = await this.newReplicaSet(d, split, false);
    let olds = split.olds;
    const only = activeOrLatest(newRS, olds);
    let sets: (ReplicaSet | undefined)[] = [...olds, newRS];
    if (only) {
      if (replicasOf(only) !== replicasOf(d) || desiredReplicasOf(only) !== replicasOf(d)) {
        const scaled = await this.scale(d, only, replicasOf(d));
        sets = sets.map((rs) => (rs === only ? scaled : rs));
      }
    } else if (isSaturated(d, newRS)) {
      olds = await Promise.all(olds.map((rs) => (isActive(rs) ? this.scale(d, rs, 0, 'down') : rs)));
      sets = [...olds, newRS];
    } else if ((d.spec.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate') {
      const { sizes, direction } = proportionalSizes(d, sets.filter(isActive));
      const scaled = new Map<ReplicaSet, ReplicaSet>();
      for (const [rs, size] of sizes) scaled.set(rs, await this.scale(d, rs, size, direction));
      sets = sets.map((rs) => (rs && scaled.get(rs)) ?? rs);
    }
    if (d.spec.paused) await this.cleanup(d, olds);
    await this.writeStatus(d, calculateStatus(d, sets.filter((rs): rs is ReplicaSet => Boolean(rs)), newRS, timestamp(this.now())));
  }

  private async syncStatusOnly(d: Deployment, all: ReplicaSet[]): Promise<void> {
    const { newRS } = this.split(d, all);
    await this.writeStatus(d, calculateStatus(d, all, newRS, timestamp(this.now())));
  }

  /**
   * Status with the Progressing condition: complete, progressing, or past
   * its deadline. Returns when to look again for the deadline.
   */
  private async syncRolloutStatus(d: Deployment, all: ReplicaSet[], newRS: ReplicaSet | undefined): Promise<number | void> {
    const now = timestamp(this.now());
    const status = calculateStatus(d, all, newRS, now);
    if (!hasProgressDeadline(d)) status.conditions = status.conditions?.filter((c) => c.type !== 'Progressing');
    const current = getCondition(status, 'Progressing');
    // A finished rollout seen again (a resync, a pod lost later) estimates no progress: its deadline is long past and means nothing.
    const finished = current?.reason === 'NewReplicaSetAvailable' && status.replicas === status.updatedReplicas;
    if (hasProgressDeadline(d) && !d.spec.paused && !finished) {
      const name = newRS?.metadata.name;
      if (isComplete(d, status)) {
        if (current?.reason !== 'NewReplicaSetAvailable') {
          setCondition(status, newCondition('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${name}" has successfully progressed.`, now));
        }
      } else if (isProgressing(d, status)) {
        const message = name ? `ReplicaSet "${name}" is progressing.` : `Deployment "${d.metadata.name}" is progressing.`;
        const condition = newCondition('Progressing', 'True', 'ReplicaSetUpdated', message, now);
        // Progress moves lastUpdateTime even when the reason stays the same.
        if (current?.status === 'True') condition.lastTransitionTime = current.lastTransitionTime;
        status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== 'Progressing'), condition];
      } else if (current?.reason === 'ProgressDeadlineExceeded' || (msToDeadline(d, status, this.now().getTime()) ?? 1) <= 0) {
        const message = name ? `ReplicaSet "${name}" has timed out progressing.` : `Deployment "${d.metadata.name}" has timed out progressing.`;
        setCondition(status, newCondition('Progressing', 'False', 'ProgressDeadlineExceeded', message, now));
      }
    }
    this.copyReplicaFailure(status, all, newRS);
    await this.writeStatus(d, status);
    if (!hasProgressDeadline(d) || d.spec.paused || finished || isComplete(d, status)) return;
    const left = msToDeadline(d, status, this.now().getTime());
    if (left !== undefined && left > 0) return left + 100;
  }

  /** A ReplicaFailure on a ReplicaSet (the new one's first) shows on the Deployment too. */
  private copyReplicaFailure(status: DeploymentStatus, all: ReplicaSet[], newRS: ReplicaSet | undefined): void {
    const ordered = newRS ? [newRS, ...all.filter((rs) => rs !== newRS)] : all;
    const failure = ordered.flatMap((rs) => rs.status?.conditions ?? []).find((c) => c.type === 'ReplicaFailure' && c.status === 'True');
    const others = (status.conditions ?? []).filter((c) => c.type !== 'ReplicaFailure');
    const now = timestamp(this.now());
    status.conditions = failure ? [...others, { ...failure, lastUpdateTime: failure.lastTransitionTime ?? now }] : others;
  }

  /** Deletes the oldest empty old ReplicaSets beyond revisionHistoryLimit. */
  private async cleanup(d: Deployment, olds: ReplicaSet[]): Promise<void> {
    const limit = d.spec.revisionHistoryLimit ?? 10;
    const alive = olds.filter((rs) => !rs.metadata.deletionTimestamp);
    const excess = alive.length - limit;
    if (excess <= 0) return;
    const byRevision = [...alive].sort((a, b) => revisionOf(a) - revisionOf(b) || Date.parse(a.metadata.creationTimestamp!) - Date.parse(b.metadata.creationTimestamp!));
    for (const rs of byRevision.slice(0, excess)) {
      const empty = (rs.status?.replicas ?? 0) === 0 && replicasOf(rs) === 0 && (rs.metadata.generation ?? 0) <= (rs.status?.observedGeneration ?? 0);
      if (!empty) continue;
      await this.setClient.delete(rs.metadata.namespace, rs.metadata.name!, { preconditions: { uid: rs.metadata.uid } }).catch((err: unknown) => {
        if (!isNotFound(err)) throw err;
      });
    }
  }

  /** Writes status (and the revision annotation, which status writes may change) when either changed; zero counts are left out as Go's omitempty does. */
  private async writeStatus(d: Deployment, status: DeploymentStatus): Promise<void> {
    const cached = this.deployments.get(keyOf(d));
    if (!cached || cached.metadata.uid !== d.metadata.uid) return;
    const written = Object.fromEntries(Object.entries(status).filter(([, v]) => v !== undefined && v !== 0 && !(Array.isArray(v) && v.length === 0)));
    const revision = d.metadata.annotations?.[REVISION];
    // Pinned to the version this step started from, not whatever the cache holds by now.
    const seen = { ...cached, metadata: { ...cached.metadata, resourceVersion: d.metadata.resourceVersion } };
    await writeStatus(this.deploymentClient, seen, written, revision ? { [REVISION]: revision } : {}).catch(ignoreNotFound);
  }
}

function ignoreNotFound(err: unknown): void {
  if (!isNotFound(err)) throw err;
}
