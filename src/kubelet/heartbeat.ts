// How a kubelet tells the control plane it is alive: it registers its Node
// (or takes over the one already there), renews its Lease in
// kube-node-lease every quarter of the lease duration, and reports node
// status again when it changes or every five minutes (upstream's
// nodeStatusReportFrequency). The node lifecycle controller watches both.
import type { KubeObject } from '../apiserver/registry/types.js';
import { isAlreadyExists, isConflict, isNotFound, LEASES, NODES, type ApiClient, type ResourceClient } from '../client/client.js';
import type { Node, NodeCondition } from '../apiserver/registry/core/types.js';
import { healthyConditions, newNode, nodeLabels, nodeStatus, type NodeDescription } from './node-status.js';

export const NODE_LEASE_NAMESPACE = 'kube-node-lease';
export const DEFAULT_LEASE_DURATION_S = 40;
const STATUS_REPORT_MS = 5 * 60 * 1000;

/** Lease timestamps are MicroTime: RFC 3339 with microseconds. */
export const microTime = (d: Date) => d.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');

interface Lease extends KubeObject {
  spec: { holderIdentity?: string; leaseDurationSeconds?: number; renewTime?: string };
}

export class NodeHeartbeat {
  private readonly nodes: ResourceClient<Node>;
  private readonly leases: ResourceClient<Lease>;
  private lease: Lease | undefined;
  private node: Node | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastStatusReport = 0;
  private stopped = false;

  /** `stored` reads this node as the API has it now, from an informer cache (as upstream's kubelet reads its node lister). */
  constructor(
    client: ApiClient,
    readonly description: NodeDescription,
    private readonly stored: () => Node | undefined,
    private readonly leaseDurationS = DEFAULT_LEASE_DURATION_S,
    private readonly log: (message: string) => void = () => {},
  ) {
    this.nodes = client.resource<Node>(NODES);
    this.leases = client.resource<Lease>(LEASES);
  }

  /** Registers the node and its lease, then keeps renewing until stopped. */
  async start(): Promise<void> {
    await this.register();
    await this.renewLease();
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.stopped) return;
    // A little jitter, as upstream's, so a thousand nodes do not renew in the same millisecond.
    const interval = (this.leaseDurationS * 1000) / 4;
    this.timer = setTimeout(() => void this.beat(), interval * (0.96 + Math.random() * 0.04));
    this.timer.unref();
  }

  private async beat(): Promise<void> {
    try {
      await this.renewLease();
      if (Date.now() - this.lastStatusReport >= STATUS_REPORT_MS || this.statusDiffers()) await this.reportStatus();
    } catch (err) {
      this.log(`node ${this.description.name}: heartbeat: ${(err as Error).message}`);
    }
    this.schedule();
  }

  private async register(): Promise<void> {
    const d = this.description;
    try {
      this.node = await this.nodes.create(undefined, newNode(d, new Date()));
      this.lastStatusReport = Date.now();
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
      // Known already (a restart): keep its labels and taints, add ours, report fresh status.
      this.node = await this.nodes.patch(undefined, d.name, { metadata: { labels: nodeLabels(d) } });
      await this.reportStatus();
    }
  }

  /**
   * Whether the stored conditions say something other than this kubelet
   * would (e.g. Unknown, written by the node lifecycle controller while we
   * were away): then the status is reported now, not in five minutes.
   */
  private statusDiffers(): boolean {
    const stored = this.stored();
    if (!stored) return false;
    const says = (conditions: NodeCondition[] | undefined) => (conditions ?? []).map((c) => `${c.type}=${c.status}`).sort().join(',');
    return says(stored.status?.conditions) !== says(healthyConditions(undefined, new Date()));
  }

  /** Writes the node's status now (heartbeat in the conditions, capacity, addresses). */
  async reportStatus(): Promise<Node> {
    const status = nodeStatus(this.description, this.node, new Date());
    this.node = await this.nodes.patch(undefined, this.description.name, { status }, undefined, 'status');
    this.lastStatusReport = Date.now();
    return this.node;
  }

  private async renewLease(): Promise<void> {
    const name = this.description.name;
    const spec = { holderIdentity: name, leaseDurationSeconds: this.leaseDurationS, renewTime: microTime(new Date()) };
    if (this.lease) {
      try {
        this.lease = await this.leases.update(NODE_LEASE_NAMESPACE, { ...this.lease, spec: { ...this.lease.spec, ...spec } });
        return;
      } catch (err) {
        if (!isConflict(err) && !isNotFound(err)) throw err;
      }
    }
    const current = await this.leases.find(NODE_LEASE_NAMESPACE, name);
    if (current) {
      this.lease = await this.leases.update(NODE_LEASE_NAMESPACE, { ...current, spec: { ...current.spec, ...spec } });
      return;
    }
    const owner = this.node?.metadata.uid ? [{ apiVersion: 'v1', kind: 'Node', name, uid: this.node.metadata.uid }] : undefined;
    this.lease = await this.leases.create(NODE_LEASE_NAMESPACE, {
      metadata: { name, namespace: NODE_LEASE_NAMESPACE, ...(owner ? { ownerReferences: owner } : {}) },
      spec,
    });
  }
}
