// Simulated nodes, as kwok plays them: each registers a Node, heart-beats
// its Lease, and "runs" the pods bound to it without containers — every
// container reports started and ready at once, the pod gets an address
// from the node's pod CIDR, and a pod being deleted goes as soon as asked.
// They use the same heartbeat and pod-status code as a real node, so a
// control plane tested against them behaves the same with real ones.
import { timestamp } from '../apiserver/registry/generic-store.js';
import { isNotFound, NODES, PODS, type ApiClient, type ResourceClient } from '../client/client.js';
import { keyOf, type Informer } from '../client/informer.js';
import type { Informers } from '../client/informers.js';
import { Controller, type Reconciler } from '../controllers/controller.js';
import type { Node, Pod } from '../apiserver/registry/core/types.js';
import { NodeHeartbeat } from './heartbeat.js';
import { podStatus, type ContainerStatus } from './pod-status.js';

export interface SimulatedNodesOptions {
  count: number;
  /** Nodes are named PREFIX-0, PREFIX-1, ... */
  prefix: string;
  /** Index of the first node, so several groups can share a cluster. */
  firstIndex?: number;
  capacity: Record<string, string>;
  leaseDurationS: number;
}

export const DEFAULT_SIMULATED_CAPACITY = { cpu: '32', memory: '256Gi', pods: '110', 'ephemeral-storage': '1Ti' };

/** Simulated node i: pod CIDR 10.(128 + i/256).(i%256).0/24 and address 10.127.0.0 + i + 1; fake, never routed. */
const podNetworkOf = (i: number) => `10.${128 + (i >> 8)}.${i & 255}.`;
const podCidrOf = (i: number) => `${podNetworkOf(i)}0/24`;
const addressOf = (i: number) => `10.127.${(i + 1) >> 8}.${(i + 1) & 255}`;

interface SimulatedNode {
  heartbeat: NodeHeartbeat;
  index: number;
  /** Host parts of the /24 in use, by pod key. */
  used: Map<string, number>;
}

const HOSTS_PER_NODE = 254;

export class SimulatedNodes implements Reconciler {
  readonly name = 'simulated-kubelet';
  private readonly nodes = new Map<string, SimulatedNode>();
  private readonly controller: Controller;
  private readonly pods: Informer<Pod>;
  private readonly nodeCache: Informer<Node>;
  private readonly podClient: ResourceClient<Pod>;

  constructor(
    private readonly client: ApiClient,
    informers: Informers,
    private readonly options: SimulatedNodesOptions,
    private readonly log: (message: string) => void = () => {},
  ) {
    this.pods = informers.for<Pod>(PODS);
    this.nodeCache = informers.for<Node>(NODES);
    this.podClient = client.resource<Pod>(PODS);
    this.controller = new Controller(this, { workers: 16, onError: log });
  }

  get names(): string[] {
    return [...this.nodes.keys()];
  }

  async start(): Promise<void> {
    const first = this.options.firstIndex ?? 0;
    for (let i = first; i < first + this.options.count; i++) {
      const name = `${this.options.prefix}-${i}`;
      const heartbeat = new NodeHeartbeat(
        this.client,
        { name, internalIP: addressOf(i), capacity: this.options.capacity, podCIDR: podCidrOf(i), runtimeVersion: 'simulated://1.0', annotations: { 'peapod.dev/simulated': 'true' } },
        () => this.nodeCache.get(name),
        this.options.leaseDurationS,
        this.log,
      );
      this.nodes.set(name, { heartbeat, index: i, used: new Map() });
    }
    // Registration in batches: a thousand nodes are two thousand writes.
    const all = [...this.nodes.values()];
    for (let i = 0; i < all.length; i += 100) await Promise.all(all.slice(i, i + 100).map((n) => n.heartbeat.start()));
    this.pods.on({
      add: (pod) => this.notice(pod),
      update: (_, pod) => this.notice(pod),
      delete: (pod) => this.release(pod),
    });
    this.controller.start();
  }

  async stop(): Promise<void> {
    for (const n of this.nodes.values()) n.heartbeat.stop();
    await this.controller.stop();
  }

  private notice(pod: Pod): void {
    const node = pod.spec.nodeName ? this.nodes.get(pod.spec.nodeName) : undefined;
    if (!node) return;
    // Addresses already handed out (before a restart) stay taken.
    const ip = pod.status?.podIP;
    if (ip?.startsWith(podNetworkOf(node.index))) node.used.set(keyOf(pod), Number(ip.split('.')[3]));
    this.controller.enqueue(keyOf(pod));
  }

  private release(pod: Pod): void {
    if (pod.spec.nodeName) this.nodes.get(pod.spec.nodeName)?.used.delete(keyOf(pod));
  }

  async reconcile(key: string): Promise<void> {
    const pod = this.pods.get(key);
    const node = pod?.spec.nodeName ? this.nodes.get(pod.spec.nodeName) : undefined;
    if (!pod || !node) return;
    const { namespace, name, uid } = pod.metadata;
    if (pod.metadata.deletionTimestamp) {
      // Nothing to stop: the pod is gone as soon as its deletion is asked for.
      await this.podClient.delete(namespace, name!, { gracePeriodSeconds: 0, preconditions: { uid } }).catch((err: unknown) => {
        if (!isNotFound(err)) throw err;
      });
      return;
    }
    const phase = pod.status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return;
    // Running and ready is what this node reports; anything else (new, or marked not ready while the node was away) is put right.
    const ready = pod.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
    if (phase === 'Running' && ready) return;
    const now = new Date();
    const startedAt = timestamp(now);
    const containers: ContainerStatus[] = pod.spec.containers.map((c) => ({
      name: c.name,
      image: c.image ?? '',
      imageID: '',
      containerID: `simulated://${uid}/${c.name}`,
      state: { running: { startedAt } },
      ready: true,
      started: true,
      restartCount: 0,
    }));
    // Init containers "ran" and completed at once.
    const init: ContainerStatus[] = (pod.spec.initContainers ?? []).map((c) => ({
      name: c.name,
      image: c.image ?? '',
      imageID: '',
      containerID: `simulated://${uid}/${c.name}`,
      state: { terminated: { exitCode: 0, reason: 'Completed', startedAt, finishedAt: startedAt } },
      ready: true,
      started: false,
      restartCount: 0,
    }));
    const status = podStatus(pod, init, containers, { hostIP: addressOf(node.index), podIP: this.allocate(node, key), startTime: startedAt }, now);
    await this.podClient.patch(namespace, name!, { status }, undefined, 'status');
  }

  private allocate(node: SimulatedNode, key: string): string {
    let host = node.used.get(key);
    if (host === undefined) {
      const taken = new Set(node.used.values());
      host = 2;
      while (taken.has(host) && host <= HOSTS_PER_NODE) host++;
      if (host > HOSTS_PER_NODE) throw new Error(`node ${node.heartbeat.description.name} has no pod addresses left`);
      node.used.set(key, host);
    }
    return `${podNetworkOf(node.index)}${host}`;
  }
}
