// The node lifecycle controller: a node whose kubelet stops renewing its
// Lease (and posting status) for the grace period has its conditions set
// to Unknown, its pods marked not ready, and gets upstream's taints —
// NoSchedule ones for every bad condition and for cordoning, and the
// NoExecute unreachable/not-ready taint that taint eviction acts on. When
// every node is down at once the NoExecute taints are held back, as
// upstream's "master disruption mode" does: evicting from all nodes helps
// nobody.
import { timestamp } from '../apiserver/registry/generic-store.js';
import { isNotFound, LEASES, NODES, PODS, type ApiClient, type ResourceClient } from '../client/client.js';
import type { EventRecorder } from '../client/events.js';
import type { Informer } from '../client/informer.js';
import type { Informers } from '../client/informers.js';
import { NODE_LEASE_NAMESPACE } from '../kubelet/heartbeat.js';
import type { Node, NodeCondition, Pod, Taint } from '../apiserver/registry/core/types.js';
import type { KubeObject } from '../apiserver/registry/types.js';
import { Controller, type Reconciler } from './controller.js';
import { NODE_NAME_INDEX, podsByNode } from './pod-index.js';

export interface NodeLifecycleOptions {
  /** How often every node is looked at (upstream --node-monitor-period, 5 s). */
  monitorPeriodMs: number;
  /** Silence after which a node is Unknown (upstream 1.32 --node-monitor-grace-period, 50 s). */
  gracePeriodMs: number;
  /** The same for a node that has never been Ready (--node-startup-grace-period, 1 m). */
  startupGracePeriodMs: number;
}

export const DEFAULT_NODE_LIFECYCLE: NodeLifecycleOptions = { monitorPeriodMs: 5000, gracePeriodMs: 50_000, startupGracePeriodMs: 60_000 };

const WATCHED_CONDITIONS = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

/** Taint keys this controller owns, and the condition states that call for each. */
const NO_SCHEDULE_TAINTS: { key: string; applies: (conditions: Map<string, string>, node: Node) => boolean }[] = [
  { key: 'node.kubernetes.io/not-ready', applies: (c) => c.get('Ready') === 'False' },
  { key: 'node.kubernetes.io/unreachable', applies: (c) => c.get('Ready') === 'Unknown' },
  { key: 'node.kubernetes.io/memory-pressure', applies: (c) => c.get('MemoryPressure') === 'True' },
  { key: 'node.kubernetes.io/disk-pressure', applies: (c) => c.get('DiskPressure') === 'True' },
  { key: 'node.kubernetes.io/pid-pressure', applies: (c) => c.get('PIDPressure') === 'True' },
  { key: 'node.kubernetes.io/network-unavailable', applies: (c) => c.get('NetworkUnavailable') === 'True' },
  { key: 'node.kubernetes.io/unschedulable', applies: (_, node) => node.spec?.unschedulable === true },
];
const NO_EXECUTE_KEYS = new Set(['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']);
const OWNED_NO_SCHEDULE_KEYS = new Set(NO_SCHEDULE_TAINTS.map((t) => t.key));

interface Health {
  /** When we last saw the kubelet alive (a new heartbeat in the status, or a renewed lease). */
  probedAt: number;
  heartbeat?: string;
  renewTime?: string;
}

interface Lease extends KubeObject {
  spec?: { renewTime?: string };
}

const readyOf = (node: Node) => node.status?.conditions?.find((c) => c.type === 'Ready')?.status;

export class NodeLifecycleController implements Reconciler {
  readonly name = 'node-lifecycle-controller';
  private readonly controller: Controller;
  private readonly nodes: Informer<Node>;
  private readonly leases: Informer<Lease>;
  private readonly pods: Informer<Pod>;
  private readonly nodeClient: ResourceClient<Node>;
  private readonly podClient: ResourceClient<Pod>;
  private readonly health = new Map<string, Health>();
  private monitor: NodeJS.Timeout | undefined;

  constructor(
    client: ApiClient,
    informers: Informers,
    private readonly events: EventRecorder,
    private readonly options: NodeLifecycleOptions = DEFAULT_NODE_LIFECYCLE,
    log: (message: string) => void = () => {},
  ) {
    this.nodes = informers.for<Node>(NODES);
    this.leases = informers.for<Lease>(LEASES, { namespace: NODE_LEASE_NAMESPACE });
    this.pods = podsByNode(informers);
    this.nodeClient = client.resource<Node>(NODES);
    this.podClient = client.resource<Pod>(PODS);
    this.controller = new Controller(this, { workers: 4, onError: log });
    this.nodes.on({
      add: (node) => this.controller.enqueue(node.metadata.name!),
      update: (_, node) => this.controller.enqueue(node.metadata.name!),
      delete: (node) => this.health.delete(node.metadata.name!),
    });
    this.leases.on({
      add: (lease) => this.controller.enqueue(lease.metadata.name!),
      update: (_, lease) => this.controller.enqueue(lease.metadata.name!),
    });
  }

  start(): void {
    this.controller.start();
    this.monitor = setInterval(() => {
      for (const node of this.nodes.list()) this.controller.enqueue(node.metadata.name!);
    }, this.options.monitorPeriodMs);
    this.monitor.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.monitor);
    await this.controller.stop();
  }

  /** Sees whether the kubelet spoke since last time; returns when it last did. */
  private probe(node: Node, now: number): number {
    const name = node.metadata.name!;
    const heartbeat = node.status?.conditions?.find((c) => c.type === 'Ready')?.lastHeartbeatTime;
    const renewTime = this.leases.get(`${NODE_LEASE_NAMESPACE}/${name}`)?.spec?.renewTime;
    const known = this.health.get(name);
    if (!known || known.heartbeat !== heartbeat || known.renewTime !== renewTime) {
      this.health.set(name, { probedAt: now, heartbeat, renewTime });
      return now;
    }
    return known.probedAt;
  }

  async reconcile(name: string): Promise<number | void> {
    let node = this.nodes.get(name);
    if (!node) return;
    const now = Date.now();
    const probedAt = this.probe(node, now);
    const everReady = node.status?.conditions?.some((c) => c.type === 'Ready') ?? false;
    const grace = everReady ? this.options.gracePeriodMs : this.options.startupGracePeriodMs;
    if (now - probedAt > grace) node = await this.markUnknown(node, now);
    // Level-triggered: every look at a node that is not Ready re-checks its pods, so one failure is retried.
    if (readyOf(node) !== 'True' && everReady) await this.markPodsNotReady(node, now);
    await this.reconcileTaints(node, now);
    return undefined;
  }

  /** The kubelet went quiet: every watched condition becomes Unknown, and its pods stop being ready. */
  private async markUnknown(node: Node, now: number): Promise<Node> {
    const at = timestamp(new Date(now));
    const conditions: NodeCondition[] = [...(node.status?.conditions ?? [])];
    let changed = false;
    for (const type of WATCHED_CONDITIONS) {
      const i = conditions.findIndex((c) => c.type === type);
      if (i < 0) {
        conditions.push({ type, status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.', lastHeartbeatTime: node.metadata.creationTimestamp, lastTransitionTime: at });
        changed = true;
      } else if (conditions[i]!.status !== 'Unknown') {
        conditions[i] = { ...conditions[i]!, status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: at };
        changed = true;
      }
    }
    if (!changed) return node;
    const wasReady = readyOf(node) === 'True';
    const updated = await this.nodeClient.update(undefined, { ...node, status: { ...node.status, conditions } }, 'status');
    if (wasReady) this.events.record(node, 'Normal', 'NodeNotReady', `Node ${node.metadata.name} status is now: NodeNotReady`);
    return updated;
  }

  /** Upstream's MarkPodsNotReady: each pod still Ready on the node gets Ready=False; a pod gone meanwhile is no failure. */
  private async markPodsNotReady(node: Node, now: number): Promise<void> {
    for (const pod of this.pods.byIndex(NODE_NAME_INDEX, node.metadata.name!)) {
      const conditions = pod.status?.conditions ?? [];
      if (conditions.find((c) => c.type === 'Ready')?.status !== 'True') continue;
      const next = conditions.map((c) => (c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: timestamp(new Date(now)) } : c));
      try {
        await this.podClient.patch(pod.metadata.namespace, pod.metadata.name!, { status: { conditions: next } }, undefined, 'status');
        this.events.record(pod, 'Warning', 'NodeNotReady', 'Node is not ready');
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
  }

  /** Brings the taints this controller owns in line with the node's conditions and cordoning. */
  private async reconcileTaints(node: Node, now: number): Promise<void> {
    const conditions = new Map((node.status?.conditions ?? []).map((c) => [c.type, c.status]));
    const current = node.spec?.taints ?? [];
    const keep = current.filter((t) => !(t.effect === 'NoSchedule' && OWNED_NO_SCHEDULE_KEYS.has(t.key)) && !(t.effect === 'NoExecute' && NO_EXECUTE_KEYS.has(t.key)));
    const wanted: Taint[] = NO_SCHEDULE_TAINTS.filter((t) => t.applies(conditions, node)).map((t) => ({ key: t.key, effect: 'NoSchedule' }));
    const ready = conditions.get('Ready');
    const noExecute = ready === 'False' ? 'node.kubernetes.io/not-ready' : ready === 'Unknown' ? 'node.kubernetes.io/unreachable' : undefined;
    if (noExecute && !this.allNodesDown()) {
      const existing = current.find((t) => t.key === noExecute && t.effect === 'NoExecute');
      wanted.push({ key: noExecute, effect: 'NoExecute', timeAdded: existing?.timeAdded ?? timestamp(new Date(now)) });
    }
    const owned = current.filter((t) => !keep.includes(t));
    const sameSet = owned.length === wanted.length && wanted.every((w) => owned.some((o) => o.key === w.key && o.effect === w.effect));
    if (sameSet) return;
    const taints = [...keep, ...wanted];
    // The version we computed from travels with the patch: a taint someone adds meanwhile is a conflict (and a retry), not lost.
    await this.nodeClient.patch(undefined, node.metadata.name!, {
      metadata: { resourceVersion: node.metadata.resourceVersion },
      spec: { taints: taints.length ? taints : null },
    });
  }

  /** Upstream's "master disruption mode": no node is Ready, so eviction could only make things worse. */
  private allNodesDown(): boolean {
    return !this.nodes.list().some((n) => readyOf(n) === 'True');
  }
}
