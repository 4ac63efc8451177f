// Taint-based eviction: a pod on a node with a NoExecute taint it does not
// tolerate is deleted; one that tolerates it for tolerationSeconds is
// deleted once that long has passed since the taint appeared (timeAdded,
// so the deadline survives a restart); one that tolerates it forever
// stays. Deletion is graceful, after upstream's event and DisruptionTarget
// condition.
import { timestamp } from '../apiserver/registry/generic-store.js';
import { isNotFound, NODES, PODS, STRATEGIC_MERGE_PATCH, type ApiClient, type ResourceClient } from '../client/client.js';
import type { EventRecorder } from '../client/events.js';
import { keyOf, type Informer } from '../client/informer.js';
import type { Informers } from '../client/informers.js';
import { tolerates } from '../scheduler/tolerations.js';
import type { Node, Pod, Taint } from '../apiserver/registry/core/types.js';
import { Controller, type Reconciler } from './controller.js';
import { NODE_NAME_INDEX, podsByNode } from './pod-index.js';

/**
 * When the pod must go, in ms since the epoch: now when some NoExecute taint
 * is not tolerated, never (undefined) when all are tolerated without a time
 * limit, else the shortest tolerationSeconds after the taints appeared
 * (their timeAdded, or when this controller first saw them: `kubectl taint`
 * sets no timeAdded).
 */
export function evictionDeadline(pod: Pod, taints: Taint[], now: number, firstSeen: (taint: Taint) => number = () => now): number | undefined {
  let deadline: number | undefined;
  for (const taint of taints) {
    // As upstream: the first toleration that matches a taint is the one that counts for it.
    const toleration = (pod.spec.tolerations ?? []).find((t) => tolerates(t, taint));
    if (!toleration) return now;
    if (toleration.tolerationSeconds === undefined) continue;
    const since = taint.timeAdded ? Date.parse(taint.timeAdded) : firstSeen(taint);
    const at = since + Math.max(0, toleration.tolerationSeconds) * 1000;
    deadline = deadline === undefined ? at : Math.min(deadline, at);
  }
  return deadline;
}

export class TaintEvictionController implements Reconciler {
  readonly name = 'taint-eviction-controller';
  private readonly controller: Controller;
  private readonly nodes: Informer<Node>;
  private readonly pods: Informer<Pod>;
  private readonly podClient: ResourceClient<Pod>;
  /** When each NoExecute taint without a timeAdded was first seen, by node/key/effect. */
  private readonly firstSeen = new Map<string, number>();

  constructor(
    client: ApiClient,
    informers: Informers,
    private readonly events: EventRecorder,
    log: (message: string) => void = () => {},
  ) {
    this.nodes = informers.for<Node>(NODES);
    this.pods = podsByNode(informers);
    this.podClient = client.resource<Pod>(PODS);
    this.controller = new Controller(this, { workers: 4, onError: log });
    const noExecute = (node: Node | undefined) => (node?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
    this.nodes.on({
      add: (node) => this.enqueuePodsOn(node),
      update: (old, node) => {
        if (JSON.stringify(noExecute(old)) === JSON.stringify(noExecute(node))) return;
        this.forgetLiftedTaints(node);
        this.enqueuePodsOn(node);
      },
      delete: (node) => this.forgetLiftedTaints({ ...node, spec: {} }),
    });
    this.pods.on({
      add: (pod) => this.enqueueIfTainted(pod),
      update: (old, pod) => {
        if (old.spec.nodeName !== pod.spec.nodeName || old.spec.tolerations !== pod.spec.tolerations) this.enqueueIfTainted(pod);
      },
    });
  }

  start(): void {
    this.controller.start();
  }

  async stop(): Promise<void> {
    await this.controller.stop();
  }

  private taintId = (node: string, taint: Taint) => `${node}|${taint.key}|${taint.effect}`;

  private seen(node: string, taint: Taint, now: number): number {
    const id = this.taintId(node, taint);
    let at = this.firstSeen.get(id);
    if (at === undefined) this.firstSeen.set(id, (at = now));
    return at;
  }

  private forgetLiftedTaints(node: Node): void {
    const name = node.metadata.name!;
    const present = new Set((node.spec?.taints ?? []).map((t) => this.taintId(name, t)));
    for (const id of this.firstSeen.keys()) if (id.startsWith(`${name}|`) && !present.has(id)) this.firstSeen.delete(id);
  }

  private enqueuePodsOn(node: Node): void {
    for (const pod of this.pods.byIndex(NODE_NAME_INDEX, node.metadata.name!)) this.controller.enqueue(keyOf(pod));
  }

  private enqueueIfTainted(pod: Pod): void {
    const node = pod.spec.nodeName ? this.nodes.get(pod.spec.nodeName) : undefined;
    if (node?.spec?.taints?.some((t) => t.effect === 'NoExecute')) this.controller.enqueue(keyOf(pod));
  }

  async reconcile(key: string): Promise<number | void> {
    const pod = this.pods.get(key);
    if (!pod?.spec.nodeName || pod.metadata.deletionTimestamp) return;
    const taints = (this.nodes.get(pod.spec.nodeName)?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
    if (taints.length === 0) return;
    const now = Date.now();
    const deadline = evictionDeadline(pod, taints, now, (taint) => this.seen(pod.spec.nodeName!, taint, now));
    if (deadline === undefined) return;
    if (deadline > now) return deadline - now;
    const { namespace, name } = pod.metadata;
    this.events.record(pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${namespace}/${name}`);
    const condition = {
      type: 'DisruptionTarget',
      status: 'True',
      reason: 'DeletionByTaintManager',
      message: 'Taint manager: deleting due to NoExecute taint',
      lastTransitionTime: timestamp(new Date(now)),
    };
    try {
      await this.podClient.patch(namespace, name!, { status: { conditions: [condition] } }, STRATEGIC_MERGE_PATCH, 'status');
      await this.podClient.delete(namespace, name!, { preconditions: { uid: pod.metadata.uid } });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
