// kube-scheduler's loop: take the next pending pod, run the filters over
// the nodes (from a rotating start, stopping once enough fit, as upstream
// does in big clusters), score the ones that passed, pick the best (ties at
// random), assume the pod is there so the next pod sees its resources, and
// bind it through pods/NAME/binding in the background. A pod that fits
// nowhere gets upstream's PodScheduled=False condition and FailedScheduling
// event and waits for the cluster to change.
import { isDeepStrictEqual } from 'node:util';
import { timestamp } from '../apiserver/registry/generic-store.js';
import { NODES, PODS, STRATEGIC_MERGE_PATCH, type ApiClient, type ResourceClient } from '../client/client.js';
import type { EventRecorder } from '../client/events.js';
import { keyOf, type Informer } from '../client/informer.js';
import type { Informers } from '../client/informers.js';
import { fitErrorMessage, NO_NODES } from './fit-error.js';
import { podState, type Failure, type FilterPlugin, type PodState, type ScorePlugin } from './framework.js';
import { NodeInfo } from './node-info.js';
import { nodeAffinityFilter, nodeAffinityScore } from './plugins/node-affinity.js';
import { nodeName } from './plugins/node-name.js';
import { nodePorts } from './plugins/node-ports.js';
import { nodeUnschedulable } from './plugins/node-unschedulable.js';
import { ownerSpreadScore } from './plugins/owner-spread.js';
import { leastAllocatedScore, resourcesFitFilter } from './plugins/resources-fit.js';
import { taintTolerationFilter, taintTolerationScore } from './plugins/taint-toleration.js';
import { SchedulingQueue } from './queue.js';
import { withTransitionTime } from '../apiserver/registry/core/conditions.js';
import type { Node, Pod, PodCondition } from '../apiserver/registry/core/types.js';

export const SCHEDULER_NAME = 'default-scheduler';

/** Upstream's default profile, in its order: the first filter to refuse a node names the reason. */
const FILTERS: FilterPlugin[] = [nodeUnschedulable, nodeName, taintTolerationFilter, nodeAffinityFilter, nodePorts, resourcesFitFilter];
const SCORES: ScorePlugin[] = [taintTolerationScore, nodeAffinityScore, leastAllocatedScore, ownerSpreadScore];

/** Pods scheduled between two yields to the event loop, so bindings and watch events keep flowing. */
const BATCH = 32;

/** Upstream's numFeasibleNodesToFind: all nodes below 100, else an adaptive share, at least 100. */
export function feasibleNodesToFind(total: number): number {
  if (total < 100) return total;
  const percentage = Math.max(5, 50 - Math.floor(total / 125));
  return Math.max(100, Math.floor((total * percentage) / 100));
}

const isTerminal = (pod: Pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

export class Scheduler {
  readonly queue = new SchedulingQueue();
  private readonly nodes = new Map<string, NodeInfo>();
  private nodeOrder: NodeInfo[] = [];
  /** Where each assigned (or assumed) pod is, by pod key. */
  private readonly placed = new Map<string, string>();
  private readonly assumed = new Set<string>();
  private nextStart = 0;
  private readonly pods: Informer<Pod>;
  private readonly podClient: ResourceClient<Pod>;
  private stopped = false;
  private loop: Promise<void> | undefined;

  constructor(
    client: ApiClient,
    informers: Informers,
    private readonly events: EventRecorder,
    private readonly log: (message: string) => void = () => {},
  ) {
    this.pods = informers.for<Pod>(PODS);
    this.podClient = client.resource<Pod>(PODS);
    const nodes = informers.for<Node>(NODES);
    nodes.on({
      add: (node) => this.setNode(node),
      update: (old, node) => {
        this.setNode(node);
        // Heartbeats change only conditions; what filters read is labels, taints, cordoning and allocatable.
        if (!isDeepStrictEqual(old.metadata.labels, node.metadata.labels) || !isDeepStrictEqual(old.spec, node.spec) ||
          !isDeepStrictEqual(old.status?.allocatable, node.status?.allocatable)) this.queue.moveAllToActive();
      },
      delete: (node) => this.removeNode(node.metadata.name!),
    });
    this.pods.on({
      add: (pod) => this.podChanged(undefined, pod),
      update: (old, pod) => this.podChanged(old, pod),
      delete: (pod) => this.podGone(pod),
    });
  }

  start(): void {
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.queue.close();
    await this.loop;
  }

  private setNode(node: Node): void {
    const info = this.infoFor(node.metadata.name!);
    const known = info.node !== undefined;
    info.setNode(node);
    // A node new to the filters (or back, or known so far only from its pods) may fit waiting pods.
    if (!known) {
      this.nodeOrder.push(info);
      this.queue.moveAllToActive();
    }
  }

  /** A node that goes keeps its record while pods are still bound to it: if it comes back, they still count. */
  private removeNode(name: string): void {
    const info = this.nodes.get(name);
    this.nodeOrder = this.nodeOrder.filter((n) => n !== info);
    if (!info) return;
    if (info.pods.size) info.node = undefined;
    else this.nodes.delete(name);
  }

  /** The NodeInfo for a node name, made empty if the pod's node is not known yet. */
  private infoFor(name: string): NodeInfo {
    let info = this.nodes.get(name);
    if (!info) this.nodes.set(name, (info = new NodeInfo(undefined)));
    return info;
  }

  private podChanged(old: Pod | undefined, pod: Pod): void {
    const key = keyOf(pod);
    if (pod.spec.nodeName) {
      this.queue.delete(key);
      if (isTerminal(pod)) return this.podGone(pod);
      const was = this.placed.get(key);
      const wasAssumed = this.assumed.delete(key);
      // A bound pod's status changes often and its requests never: only a move (or a confirmed assumption) counts.
      if (was === pod.spec.nodeName && !wasAssumed && old?.spec.nodeName) return;
      if (was && was !== pod.spec.nodeName) this.nodes.get(was)?.removePod(key);
      this.placed.set(key, pod.spec.nodeName);
      this.infoFor(pod.spec.nodeName).addPod(pod);
      return;
    }
    if ((pod.spec.schedulerName ?? SCHEDULER_NAME) !== SCHEDULER_NAME || pod.metadata.deletionTimestamp || this.assumed.has(key)) return;
    // Our own status writes (the PodScheduled condition) are no reason to try again; a changed spec or labels is.
    if (old && isDeepStrictEqual(old.spec, pod.spec) && isDeepStrictEqual(old.metadata.labels, pod.metadata.labels)) return;
    this.queue.add(pod);
  }

  private podGone(pod: Pod): void {
    const key = keyOf(pod);
    this.queue.delete(key);
    this.assumed.delete(key);
    const node = this.placed.get(key);
    if (node === undefined) return;
    this.placed.delete(key);
    const info = this.nodes.get(node);
    info?.removePod(key);
    if (info && !info.node && info.pods.size === 0) this.nodes.delete(node);
    this.queue.moveAllToActive();
  }

  private async run(): Promise<void> {
    await this.pods.synced;
    let sinceYield = 0;
    while (!this.stopped) {
      const key = await this.queue.pop();
      if (key === undefined) return;
      const pod = this.pods.get(key);
      if (!pod || pod.spec.nodeName || pod.metadata.deletionTimestamp || this.assumed.has(key)) {
        this.queue.delete(key);
        continue;
      }
      try {
        this.scheduleOne(pod);
      } catch (err) {
        this.log(`scheduling ${key}: ${(err as Error).stack ?? String(err)}`);
        this.queue.backoff(key);
      }
      if (++sinceYield >= BATCH) {
        sinceYield = 0;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
  }

  private scheduleOne(pod: Pod): void {
    const state = podState(pod);
    const all = this.nodeOrder;
    if (all.length === 0) return this.unschedulable(pod, NO_NODES);
    const want = feasibleNodesToFind(all.length);
    const feasible: NodeInfo[] = [];
    const failures: Failure[] = [];
    let tried = 0;
    for (; tried < all.length && feasible.length < want; tried++) {
      const info = all[(this.nextStart + tried) % all.length]!;
      const failure = this.filter(state, info);
      if (failure) failures.push(failure);
      else feasible.push(info);
    }
    this.nextStart = (this.nextStart + tried) % all.length;
    if (feasible.length === 0) return this.unschedulable(pod, fitErrorMessage(failures, all.length, pod.spec.preemptionPolicy));
    const chosen = feasible.length === 1 ? feasible[0]! : this.best(state, feasible);
    this.assume(pod, chosen);
  }

  private filter(state: PodState, info: NodeInfo): Failure | undefined {
    for (const plugin of FILTERS) {
      const failure = plugin.filter(state, info);
      if (failure) return failure;
    }
    return undefined;
  }

  /** The highest weighted sum of normalized scores; ties broken at random (reservoir sampling). */
  private best(state: PodState, feasible: NodeInfo[]): NodeInfo {
    const totals = new Array<number>(feasible.length).fill(0);
    const scores = new Array<number>(feasible.length);
    for (const plugin of SCORES) {
      if (plugin.skip?.(state)) continue;
      for (let i = 0; i < feasible.length; i++) scores[i] = plugin.score(state, feasible[i]!);
      plugin.normalize?.(scores);
      for (let i = 0; i < scores.length; i++) totals[i]! += plugin.weight * scores[i]!;
    }
    let best = 0;
    let ties = 1;
    for (let i = 1; i < totals.length; i++) {
      if (totals[i]! > totals[best]!) {
        best = i;
        ties = 1;
      } else if (totals[i] === totals[best] && Math.random() * ++ties < 1) best = i;
    }
    return feasible[best]!;
  }

  private assume(pod: Pod, info: NodeInfo): void {
    const key = keyOf(pod);
    const node = info.name;
    this.assumed.add(key);
    this.placed.set(key, node);
    info.addPod({ ...pod, spec: { ...pod.spec, nodeName: node } });
    void this.bind(pod, node);
  }

  private async bind(pod: Pod, node: string): Promise<void> {
    const key = keyOf(pod);
    try {
      await this.podClient.createSubresource(pod.metadata.namespace, pod.metadata.name!, 'binding', {
        apiVersion: 'v1',
        kind: 'Binding',
        metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid },
        target: { kind: 'Node', name: node },
      });
      this.events.record(pod, 'Normal', 'Scheduled', `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node}`);
    } catch (err) {
      // Forget the assumption; the pod tries again after its back-off (if it still exists and is unbound).
      if (this.assumed.delete(key)) {
        this.nodes.get(node)?.removePod(key);
        this.placed.delete(key);
      }
      this.events.record(pod, 'Warning', 'FailedScheduling', `Binding rejected: ${(err as Error).message}`);
      this.queue.backoff(key);
    }
  }

  private unschedulable(pod: Pod, message: string): void {
    const key = keyOf(pod);
    this.queue.markUnschedulable(key);
    this.events.record(pod, 'Warning', 'FailedScheduling', message);
    const current = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    if (current?.status === 'False' && current.reason === 'Unschedulable' && current.message === message) return;
    const condition = withTransitionTime<PodCondition>(
      pod.status?.conditions,
      { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastProbeTime: null },
      timestamp(new Date()),
    );
    this.podClient
      .patch(pod.metadata.namespace, pod.metadata.name!, { status: { conditions: [condition] } }, STRATEGIC_MERGE_PATCH, 'status')
      .catch((err: Error) => this.log(`recording that ${key} is unschedulable: ${err.message}`));
  }
}
