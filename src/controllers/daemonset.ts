// The DaemonSet controller: one pod per eligible node, as
// kube-controller-manager's. Each sync finds (or makes) the revision of the
// current template, then — once the pods it last asked for have been seen
// — carries out the manage step, and when that has nothing to do the
// update strategy's step (daemonset-plan.ts decides both), trims old
// revisions and writes the status. Pods are pinned to their node by
// affinity and bound by the scheduler; deleting the set leaves its pods to
// the garbage collector.
import { isDeepStrictEqual } from 'node:util';
import type { Node, Pod } from '../apiserver/registry/core/types.js';
import { DAEMONSETS, isNotFound, NODES, PODS, type ApiClient, type ResourceClient } from '../client/client.js';
import type { EventRecorder } from '../client/events.js';
import { keyOf, type Informer } from '../client/informer.js';
import type { Informers } from '../client/informers.js';
import { Backoff } from '../kubelet/backoff.js';
import { Controller, type Reconciler } from './controller.js';
import {
  daemonPodTemplate,
  daemonSetStatus,
  pinToNode,
  planManage,
  planRollingUpdate,
  podsByNode,
  type DaemonSet,
  type DaemonSetStatus,
} from './daemonset-plan.js';
import { Expectations } from './expectations.js';
import { History, REVISION_HASH_LABEL, revisionsToTruncate } from './history.js';
import { claim, indexForClaims, ownersSelecting } from './claim.js';
import { controllerOf, controllerRef, podFromTemplate } from './pod-control.js';
import { slowStart } from './slow-start.js';
import { withoutEmpty, writeStatus } from './status-writer.js';

/** Upstream's burstReplicas: at most this many creations or deletions per sync. */
const BURST = 250;

/** Status fields Go leaves out when zero. */
const OMIT_EMPTY = ['observedGeneration', 'updatedNumberScheduled', 'numberAvailable', 'numberUnavailable', 'collisionCount'];

const asDaemonSet = (ds: DaemonSet) => ({ ...ds, apiVersion: 'apps/v1', kind: 'DaemonSet' });

export class DaemonSetController implements Reconciler {
  readonly name = 'daemonset-controller';
  private readonly controller: Controller;
  private readonly sets: Informer<DaemonSet>;
  private readonly nodes: Informer<Node>;
  private readonly pods: Informer<Pod>;
  private readonly history: History;
  private readonly setClient: ResourceClient<DaemonSet>;
  private readonly podClient: ResourceClient<Pod>;
  private readonly expectations = new Expectations();
  /** Failed pods replaced per set and node: 1 s doubling to 15 min, as upstream. */
  private readonly failedPods = new Backoff(1000, 15 * 60_000);

  constructor(
    client: ApiClient,
    informers: Informers,
    private readonly events: EventRecorder,
    log: (message: string) => void = () => {},
  ) {
    this.sets = informers.for<DaemonSet>(DAEMONSETS);
    this.nodes = informers.for<Node>(NODES);
    this.pods = informers.for<Pod>(PODS);
    indexForClaims(this.pods);
    this.history = new History(client, informers);
    this.setClient = client.resource<DaemonSet>(DAEMONSETS);
    this.podClient = client.resource<Pod>(PODS);
    this.controller = new Controller(this, { workers: 2, onError: log });
    this.sets.on({
      add: (ds) => this.controller.enqueue(keyOf(ds)),
      update: (_, ds) => this.controller.enqueue(keyOf(ds)),
      delete: (ds) => this.expectations.forget(keyOf(ds)),
    });
    this.pods.on({
      add: (pod) => this.podEvent(pod, 'add'),
      update: (old, pod) => this.podEvent(pod, pod.metadata.deletionTimestamp && !old.metadata.deletionTimestamp ? 'delete' : 'update'),
      delete: (pod) => this.podEvent(pod, 'delete'),
    });
    // Heartbeats change only status: what decides eligibility is labels, taints and existence.
    const relevant = (n: Node) => [n.metadata.labels, n.spec?.taints, n.spec?.unschedulable];
    this.nodes.on({
      add: () => this.enqueueAll(),
      update: (old, node) => !isDeepStrictEqual(relevant(old), relevant(node)) && this.enqueueAll(),
      delete: () => this.enqueueAll(),
    });
  }

  start(): void {
    this.controller.start();
  }

  async stop(): Promise<void> {
    await this.controller.stop();
  }

  private enqueueAll(): void {
    for (const ds of this.sets.list()) this.controller.enqueue(keyOf(ds));
  }

  /** A pod of ours changed: count it against what was expected, and look at its set again. An orphan: sets that may adopt it look. */
  private podEvent(pod: Pod, kind: 'add' | 'update' | 'delete'): void {
    const ref = controllerOf(pod);
    if (!ref && kind !== 'delete') {
      for (const ds of ownersSelecting(this.sets.list(), pod)) this.controller.enqueue(keyOf(ds));
    }
    if (ref?.kind !== 'DaemonSet') return;
    const key = `${pod.metadata.namespace}/${ref.name}`;
    if (this.sets.get(key)?.metadata.uid !== ref.uid) return;
    if (kind === 'add') this.expectations.creationObserved(key);
    if (kind === 'delete') this.expectations.deletionObserved(key);
    this.controller.enqueue(key);
  }

  async reconcile(key: string): Promise<number | void> {
    const ds = this.sets.get(key);
    // Being deleted: its revisions may already be gone, so nothing new is made for it.
    if (!ds || ds.metadata.deletionTimestamp) return;
    const owner = controllerRef(ds, 'apps/v1', 'DaemonSet');
    const revisions = this.history.owned(ds);
    const { revision: current, collisionCount } = await this.history.current(ds, owner, revisions);
    const hash = current.metadata.labels?.[REVISION_HASH_LABEL] ?? '';
    const nodes = this.nodes.list();
    const now = new Date();
    const owned = await claim(ds, { informer: this.pods, client: this.podClient, ref: owner, ownerClient: this.setClient });
    let again: number | undefined;

    const satisfied = this.expectations.satisfied(key);
    if (satisfied) {
      const podsOn = podsByNode(owned, true);
      const plan = planManage(ds, nodes, podsOn, hash, now, (node) => this.failedPods.remainingSinceLast(`${ds.metadata.uid}/${node}`, now.getTime()));
      again = plan.retryAfterMs;
      for (const { pod, node } of plan.failed) {
        this.failedPods.next(`${ds.metadata.uid}/${node}`, now.getTime());
        this.events.record(asDaemonSet(ds), 'Warning', 'FailedDaemonPod', `Found failed daemon pod ${pod.metadata.namespace}/${pod.metadata.name} on node ${node}, will try to kill it`);
      }
      let { createOn, remove } = plan;
      if (!createOn.length && !remove.length && ds.spec.updateStrategy?.type === 'RollingUpdate') {
        ({ createOn, remove } = planRollingUpdate(ds, nodes, podsByNode(owned, false), hash, now));
      }
      await this.sync(key, ds, createOn, remove, hash);
      await this.truncateHistory(ds, owned, revisions.filter((r) => r.metadata.name !== current.metadata.name));
    }

    const status = daemonSetStatus(ds, nodes, podsByNode(owned, false), hash, now);
    await this.writeStatus(ds, { ...status, collisionCount }, satisfied);
    const minReady = ds.spec.minReadySeconds ?? 0;
    if (minReady > 0 && status.numberReady !== status.numberAvailable) again = Math.min(again ?? Infinity, minReady * 1000);
    return again;
  }

  /** Creates pods on the nodes and deletes the pods, expecting to see each. */
  private async sync(key: string, ds: DaemonSet, nodes: string[], remove: Pod[], hash: string): Promise<void> {
    const createOn = nodes.slice(0, BURST);
    const deletions = remove.slice(0, BURST);
    if (!createOn.length && !deletions.length) return;
    this.expectations.expect(key, createOn.length, deletions.length);
    const template = daemonPodTemplate(ds, hash);
    const owner = controllerRef(ds, 'apps/v1', 'DaemonSet');
    let failure: unknown;

    const deletes = deletions.map(async (pod) => {
      try {
        await this.podClient.delete(pod.metadata.namespace, pod.metadata.name!, { preconditions: { uid: pod.metadata.uid } });
        this.events.record(asDaemonSet(ds), 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
      } catch (err) {
        this.expectations.deletionObserved(key);
        if (isNotFound(err)) return;
        this.events.record(asDaemonSet(ds), 'Warning', 'FailedDelete', `Error deleting: ${(err as Error).message}`);
        failure ??= err;
      }
    });

    const { notTried } = await slowStart(createOn, async (node) => {
      const pod = podFromTemplate(template, owner, { generateName: `${ds.metadata.name}-` });
      pinToNode(pod.spec, node);
      try {
        const made = await this.podClient.create(ds.metadata.namespace, pod);
        this.events.record(asDaemonSet(ds), 'Normal', 'SuccessfulCreate', `Created pod: ${made.metadata.name}`);
        return true;
      } catch (err) {
        this.expectations.creationObserved(key);
        this.events.record(asDaemonSet(ds), 'Warning', 'FailedCreate', `Error creating: ${(err as Error).message}`);
        failure ??= err;
        return false;
      }
    });
    for (let i = 0; i < notTried; i++) this.expectations.creationObserved(key);
    await Promise.all(deletes);
    if (failure) throw failure;
  }

  /** Old revisions beyond revisionHistoryLimit go, oldest first, unless a pod still runs them. */
  private async truncateHistory(ds: DaemonSet, pods: Pod[], old: ReturnType<History['owned']>): Promise<void> {
    const liveHashes = new Set(pods.map((p) => p.metadata.labels?.[REVISION_HASH_LABEL]).filter(Boolean));
    const live = new Set(old.filter((r) => liveHashes.has(r.metadata.labels?.[REVISION_HASH_LABEL])).map((r) => r.metadata.name!));
    for (const revision of revisionsToTruncate(old, live, ds.spec.revisionHistoryLimit ?? 10)) {
      await this.history.delete(revision).catch((err: unknown) => {
        if (!isNotFound(err)) throw err;
      });
    }
  }

  /** Writes the status when it changed; observedGeneration moves only when this sync acted on the spec. */
  private async writeStatus(ds: DaemonSet, status: DaemonSetStatus, observed: boolean): Promise<void> {
    const observedGeneration = observed ? ds.metadata.generation : ds.status?.observedGeneration;
    await writeStatus(this.setClient, ds, withoutEmpty({ ...status, observedGeneration }, OMIT_EMPTY)).catch((err: unknown) => {
      if (!isNotFound(err)) throw err;
    });
  }
}
