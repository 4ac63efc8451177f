// The StatefulSet controller, as kube-controller-manager's: each sync finds
// the set's current and update revisions (making the update revision when
// the template is new), carries out the steps statefulset-plan.ts decides,
// writes the status, and trims history to revisionHistoryLimit. Claims
// from volumeClaimTemplates are named in the pods' volumes but not made:
// the API serves no PersistentVolumeClaims yet.
import type { Pod } from '../apiserver/registry/core/types.js';
import { isAlreadyExists, isNotFound, PODS, STATEFULSETS, type ApiClient, type ResourceClient } from '../client/client.js';
import type { EventRecorder } from '../client/events.js';
import { keyOf, type Informer } from '../client/informer.js';
import type { Informers } from '../client/informers.js';
import { Controller, type Reconciler } from './controller.js';
import { History, revisionsToTruncate, templateOf, type ControllerRevision } from './history.js';
import { claim, indexForClaims, ownersSelecting } from './claim.js';
import { controllerOf, controllerRef } from './pod-control.js';
import { slowStart } from './slow-start.js';
import { withoutEmpty, writeStatus } from './status-writer.js';
import { completeRollingUpdate, ordinalOf, planStatefulSet, podRevision, type StatefulSet, type StatefulSetStatus, type Step } from './statefulset-plan.js';

/** Status fields Go leaves out when zero (collisionCount is a pointer, always set). */
const OMIT_EMPTY = ['observedGeneration', 'readyReplicas', 'currentReplicas', 'updatedReplicas'];

const asStatefulSet = (set: StatefulSet) => ({ ...set, apiVersion: 'apps/v1', kind: 'StatefulSet' });

export class StatefulSetController implements Reconciler {
  readonly name = 'statefulset-controller';
  private readonly controller: Controller;
  private readonly sets: Informer<StatefulSet>;
  private readonly pods: Informer<Pod>;
  private readonly history: History;
  private readonly setClient: ResourceClient<StatefulSet>;
  private readonly podClient: ResourceClient<Pod>;

  constructor(
    client: ApiClient,
    informers: Informers,
    private readonly events: EventRecorder,
    log: (message: string) => void = () => {},
  ) {
    this.sets = informers.for<StatefulSet>(STATEFULSETS);
    this.pods = informers.for<Pod>(PODS);
    indexForClaims(this.pods);
    this.history = new History(client, informers);
    this.setClient = client.resource<StatefulSet>(STATEFULSETS);
    this.podClient = client.resource<Pod>(PODS);
    this.controller = new Controller(this, { workers: 2, onError: log });
    this.sets.on({ add: (set) => this.controller.enqueue(keyOf(set)), update: (_, set) => this.controller.enqueue(keyOf(set)) });
    // A pod of a set: that set looks again. An orphan: the sets that may adopt it.
    const podChanged = (pod: Pod) => {
      const ref = controllerOf(pod);
      if (!ref) {
        for (const set of ownersSelecting(this.sets.list(), pod)) this.controller.enqueue(keyOf(set));
        return;
      }
      const key = `${pod.metadata.namespace}/${ref.name}`;
      if (ref.kind === 'StatefulSet' && this.sets.get(key)?.metadata.uid === ref.uid) this.controller.enqueue(key);
    };
    this.pods.on({ add: podChanged, update: (_, pod) => podChanged(pod), delete: podChanged });
  }

  start(): void {
    this.controller.start();
  }

  async stop(): Promise<void> {
    await this.controller.stop();
  }

  async reconcile(key: string): Promise<number | void> {
    const set = this.sets.get(key);
    // Being deleted: its revisions may already be gone, so nothing new is made for it.
    if (!set || set.metadata.deletionTimestamp) return;
    const owner = controllerRef(set, 'apps/v1', 'StatefulSet');
    const revisions = this.history.owned(set);
    const pods = await claim(set, { informer: this.pods, client: this.podClient, ref: owner, member: (pod) => ordinalOf(set, pod) >= 0, ownerClient: this.setClient });
    const found = await this.history.current(set, owner, revisions);
    const update = found.revision;
    const current = revisions.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
    const view = (r: ControllerRevision) => ({ name: r.metadata.name!, template: templateOf(r) });
    const now = new Date();
    const plan = planStatefulSet(set, owner, view(current), view(update), pods, now);

    // In order, step by step; Parallel, in slow-start batches.
    let again: number | undefined;
    if (set.spec.podManagementPolicy === 'Parallel') {
      if ((await slowStart(plan.steps, (step) => this.apply(set, step))).failed) again = 1000;
    } else {
      for (const step of plan.steps) {
        if (!(await this.apply(set, step))) {
          again = 1000;
          break;
        }
      }
    }
    const status = completeRollingUpdate(set, { ...plan.status, collisionCount: found.collisionCount });
    await this.writeStatus(set, status);

    const live = new Set([current.metadata.name!, update.metadata.name!, ...pods.map(podRevision).filter((r): r is string => Boolean(r))]);
    for (const revision of revisionsToTruncate(revisions, live, set.spec.revisionHistoryLimit ?? 10)) {
      await this.history.delete(revision).catch((err: unknown) => {
        if (!isNotFound(err)) throw err;
      });
    }
    const minReady = set.spec.minReadySeconds ?? 0;
    if (minReady > 0 && status.availableReplicas !== (set.spec.replicas ?? 1)) again = Math.min(again ?? Infinity, minReady * 1000);
    return again;
  }

  /**
   * Carries out one step, with upstream's events. False when the step
   * cannot go yet (the pod's old self is still being removed): the set is
   * looked at again shortly; other failures are thrown.
   */
  private async apply(set: StatefulSet, step: Step): Promise<boolean> {
    const { pod } = step;
    const name = pod.metadata.name!;
    const setName = set.metadata.name!;
    try {
      switch (step.type) {
        case 'create':
          await this.podClient.create(set.metadata.namespace, pod);
          this.events.record(asStatefulSet(set), 'Normal', 'SuccessfulCreate', `create Pod ${name} in StatefulSet ${setName} successful`);
          return true;
        case 'relabel':
          await this.podClient.patch(pod.metadata.namespace, name, { metadata: { labels: step.labels } });
          this.events.record(asStatefulSet(set), 'Normal', 'SuccessfulUpdate', `update Pod ${name} in StatefulSet ${setName} successful`);
          return true;
        case 'delete':
          await this.podClient.delete(pod.metadata.namespace, name, { preconditions: { uid: pod.metadata.uid } });
          this.events.record(asStatefulSet(set), 'Normal', 'SuccessfulDelete', `delete Pod ${name} in StatefulSet ${setName} successful`);
          return true;
      }
    } catch (err) {
      if (step.type === 'create' && isAlreadyExists(err)) return false;
      if (step.type !== 'create' && isNotFound(err)) return true;
      const verb = step.type === 'relabel' ? 'update' : step.type;
      const reason = `Failed${verb[0]!.toUpperCase()}${verb.slice(1)}`;
      this.events.record(asStatefulSet(set), 'Warning', reason, `${verb} Pod ${name} in StatefulSet ${setName} failed error: ${(err as Error).message}`);
      throw err;
    }
  }

  /** Writes the status when it differs from the stored one. */
  private async writeStatus(set: StatefulSet, status: StatefulSetStatus): Promise<void> {
    await writeStatus(this.setClient, set, withoutEmpty(status, OMIT_EMPTY)).catch((err: unknown) => {
      if (!isNotFound(err)) throw err;
    });
  }
}
