// What a DaemonSet should do next, as a pure function of the set, the
// nodes, its pods by node and the hash of its current revision — upstream's
// manage and rollingUpdate steps — and the status it reports. The
// controller (daemonset.ts) carries the plan out.
import type { LabelSelector } from '../apiserver/selectors.js';
import type { Node, Pod, PodSpec, Toleration } from '../apiserver/registry/core/types.js';
import type { KubeObject } from '../apiserver/registry/types.js';
import { matchesAnyTerm } from '../scheduler/node-selector.js';
import { tolerated } from '../scheduler/tolerations.js';
import { intOrPercentValue } from '../apiserver/registry/apps/template-validation.js';
import { REVISION_HASH_LABEL } from './history.js';
import { isPodAvailable, isPodReady, type PodTemplate } from './pod-control.js';

export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';
export const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

type IntOrString = number | string;

export interface DaemonSet extends KubeObject {
  spec: {
    selector?: LabelSelector;
    template: PodTemplate;
    minReadySeconds?: number;
    revisionHistoryLimit?: number;
    updateStrategy?: { type?: string; rollingUpdate?: { maxUnavailable?: IntOrString; maxSurge?: IntOrString } };
  };
  status?: DaemonSetStatus;
}

export interface DaemonSetStatus {
  currentNumberScheduled: number;
  numberMisscheduled: number;
  desiredNumberScheduled: number;
  numberReady: number;
  observedGeneration?: number;
  updatedNumberScheduled?: number;
  numberAvailable?: number;
  numberUnavailable?: number;
  collisionCount?: number;
}

const exists = (key: string, effect: string): Toleration => ({ key, operator: 'Exists', effect });

/** Tolerations every daemon pod gets, as upstream adds them: node conditions must not keep a node's daemon away. */
export function addDaemonTolerations(spec: PodSpec): void {
  const wanted = [
    exists('node.kubernetes.io/not-ready', 'NoExecute'),
    exists('node.kubernetes.io/unreachable', 'NoExecute'),
    exists('node.kubernetes.io/disk-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/memory-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/pid-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/unschedulable', 'NoSchedule'),
    ...(spec.hostNetwork ? [exists('node.kubernetes.io/network-unavailable', 'NoSchedule')] : []),
  ];
  const tolerations = (spec.tolerations ??= []);
  for (const t of wanted) {
    // The same toleration (key, operator, value, effect) is replaced, say one with tolerationSeconds; another is kept beside it.
    const i = tolerations.findIndex((have) => have.key === t.key && have.effect === t.effect && (have.operator ?? 'Equal') === t.operator && (have.value ?? '') === '');
    if (i >= 0) tolerations[i] = t;
    else tolerations.push(t);
  }
}

/** The template's generation, from the annotation the API server keeps. */
export const templateGeneration = (ds: DaemonSet) => ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION];

/** The template daemon pods are made from: default tolerations, the generation and hash labels. */
export function daemonPodTemplate(ds: DaemonSet, hash: string): PodTemplate {
  const template = structuredClone(ds.spec.template);
  addDaemonTolerations(template.spec);
  const generation = templateGeneration(ds);
  template.metadata = {
    ...template.metadata,
    labels: { ...template.metadata?.labels, ...(generation ? { [TEMPLATE_GENERATION_LABEL]: generation } : {}), ...(hash ? { [REVISION_HASH_LABEL]: hash } : {}) },
  };
  return template;
}

/** Pins a pod to one node as upstream does: its required node affinity becomes metadata.name In [node]. */
export function pinToNode(spec: PodSpec, node: string): void {
  const affinity = (spec.affinity ??= {});
  const nodeAffinity = (affinity.nodeAffinity ??= {});
  nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = {
    nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }],
  };
}

/** The node a daemon pod is on, or is pinned to while not yet bound. */
export function targetNode(pod: Pod): string | undefined {
  if (pod.spec.nodeName) return pod.spec.nodeName;
  for (const term of pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    const field = term.matchFields?.find((r) => r.key === 'metadata.name' && r.operator === 'In' && r.values?.length === 1);
    if (field) return field.values![0];
  }
  return undefined;
}

/**
 * Upstream's NodeShouldRunDaemonPod, with the scheduler's node name, node
 * affinity and taint predicates: whether a new daemon pod belongs on the
 * node, and whether one already there may stay (it may while it tolerates
 * the node's NoExecute taints, even if a NoSchedule one keeps new pods off).
 */
export function nodeShouldRun(ds: DaemonSet, node: Node): { shouldRun: boolean; shouldContinueRunning: boolean } {
  const spec = structuredClone(ds.spec.template.spec);
  addDaemonTolerations(spec);
  const name = node.metadata.name!;
  if (spec.nodeName && spec.nodeName !== name) return { shouldRun: false, shouldContinueRunning: false };
  const labels = node.metadata.labels ?? {};
  const selectorOk = Object.entries(spec.nodeSelector ?? {}).every(([k, v]) => labels[k] === v);
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!selectorOk || (terms && !matchesAnyTerm(terms, node))) return { shouldRun: false, shouldContinueRunning: false };
  const untolerated = (node.spec?.taints ?? []).filter((t) => t.effect !== 'PreferNoSchedule' && !tolerated(spec.tolerations, t));
  if (!untolerated.length) return { shouldRun: true, shouldContinueRunning: true };
  return { shouldRun: false, shouldContinueRunning: !untolerated.some((t) => t.effect === 'NoExecute') };
}

/** Whether a pod runs the set's current template: its hash, or its template generation, says so. */
export function isPodUpdated(pod: Pod, hash: string, generation: string | undefined): boolean {
  const labels = pod.metadata.labels ?? {};
  return (Boolean(hash) && labels[REVISION_HASH_LABEL] === hash) || (generation !== undefined && labels[TEMPLATE_GENERATION_LABEL] === generation);
}

const created = (pod: Pod) => Date.parse(pod.metadata.creationTimestamp ?? '') || 0;

/** Oldest first; of two made at once, the one further along (bound, running, ready) first. */
function byAgeAndPhase(a: Pod, b: Pod): number {
  const progress = (p: Pod) => (p.spec.nodeName ? 1 : 0) + (p.status?.phase === 'Running' ? 1 : 0) + (isPodReady(p) ? 1 : 0);
  return created(a) - created(b) || progress(b) - progress(a);
}

const isTerminal = (pod: Pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

export function allowsSurge(ds: DaemonSet): boolean {
  const ru = ds.spec.updateStrategy?.rollingUpdate;
  return ds.spec.updateStrategy?.type === 'RollingUpdate' && intOrPercentValue(ru?.maxSurge) !== 0;
}

/** An int-or-percent against a total, percentages rounded up. */
function scaled(value: IntOrString | undefined, total: number): number {
  if (typeof value === 'string' && value.endsWith('%')) return Math.ceil((intOrPercentValue(value) * total) / 100);
  return intOrPercentValue(value);
}

export interface ManagePlan {
  /** Nodes that need a daemon pod. */
  createOn: string[];
  /** Pods to delete: extra, misplaced, finished ones. */
  remove: Pod[];
  /** Failed pods among `remove`, for the FailedDaemonPod event. */
  failed: { pod: Pod; node: string }[];
  /** Failed pods still in back-off: look again after this many ms. */
  retryAfterMs?: number;
}

/**
 * Upstream's manage step: a pod for every node that should run one, none on
 * nodes that must not, one per node (two while surging), failed ones
 * replaced unless their node is in back-off (`backoffMs` says how long is
 * left for a node; 0 lets the deletion go).
 */
export function planManage(ds: DaemonSet, nodes: Node[], podsOn: Map<string, Pod[]>, hash: string, now: Date, backoffMs: (node: string) => number): ManagePlan {
  const plan: ManagePlan = { createOn: [], remove: [], failed: [] };
  const surge = allowsSurge(ds);
  const minReady = ds.spec.minReadySeconds ?? 0;
  const known = new Set<string>();
  for (const node of nodes) {
    const name = node.metadata.name!;
    known.add(name);
    const { shouldRun, shouldContinueRunning } = nodeShouldRun(ds, node);
    const pods = podsOn.get(name) ?? [];
    if (shouldRun && !pods.length) {
      plan.createOn.push(name);
    } else if (shouldContinueRunning) {
      const running: Pod[] = [];
      for (const pod of pods) {
        if (pod.metadata.deletionTimestamp) continue;
        if (pod.status?.phase === 'Failed') {
          const wait = backoffMs(name);
          if (wait > 0) {
            plan.retryAfterMs = Math.min(plan.retryAfterMs ?? wait, wait);
            continue;
          }
          plan.failed.push({ pod, node: name });
          plan.remove.push(pod);
        } else if (pod.status?.phase === 'Succeeded') {
          plan.remove.push(pod);
        } else {
          running.push(pod);
        }
      }
      running.sort(byAgeAndPhase);
      if (!surge) {
        plan.remove.push(...running.slice(1));
        continue;
      }
      if (running.length <= 1) {
        if (!running.length && shouldRun) plan.createOn.push(name);
        continue;
      }
      // Surging: keep the oldest new pod and the oldest old one, the old one only until the new one is available.
      let oldestNew: Pod | undefined;
      let oldestOld: Pod | undefined;
      for (const pod of running) {
        const isNew = pod.metadata.labels?.[REVISION_HASH_LABEL] === hash;
        if (isNew && !oldestNew) oldestNew = pod;
        else if (!isNew && !oldestOld) oldestOld = pod;
        else plan.remove.push(pod);
      }
      if (oldestNew && oldestOld && (!isPodReady(oldestOld) || isPodAvailable(oldestNew, minReady, now))) plan.remove.push(oldestOld);
    } else {
      plan.remove.push(...pods.filter((p) => !p.metadata.deletionTimestamp));
    }
  }
  // Pods pinned to nodes that no longer exist can never be bound.
  for (const [name, pods] of podsOn) {
    if (!known.has(name)) plan.remove.push(...pods.filter((p) => !p.spec.nodeName && !p.metadata.deletionTimestamp));
  }
  return plan;
}

/** Upstream's findUpdatedPodsOnNode: the node's new and old pod, or undefined when it has more than one of either. */
function updatedAndOld(pods: Pod[], hash: string, generation: string | undefined): { newPod?: Pod; oldPod?: Pod } | undefined {
  let newPod: Pod | undefined;
  let oldPod: Pod | undefined;
  for (const pod of pods) {
    if (pod.metadata.deletionTimestamp) continue;
    if (isPodUpdated(pod, hash, generation)) {
      if (newPod) return undefined;
      newPod = pod;
    } else {
      if (oldPod) return undefined;
      oldPod = pod;
    }
  }
  return { newPod, oldPod };
}

export interface UpdatePlan {
  createOn: string[];
  remove: Pod[];
}

/**
 * Upstream's rolling update step. Without surge, old pods are deleted while
 * fewer than maxUnavailable nodes lack an available pod (the manage step
 * then makes their replacements); with surge, new pods are made beside old
 * ones on up to maxSurge nodes, and an old pod goes once its replacement is
 * available.
 */
export function planRollingUpdate(ds: DaemonSet, nodes: Node[], podsOn: Map<string, Pod[]>, hash: string, now: Date): UpdatePlan {
  const generation = templateGeneration(ds);
  const minReady = ds.spec.minReadySeconds ?? 0;
  const byName = new Map(nodes.map((n) => [n.metadata.name!, n]));
  const desired = nodes.filter((n) => nodeShouldRun(ds, n).shouldRun).length;
  const ru = ds.spec.updateStrategy?.rollingUpdate;
  const maxSurge = allowsSurge(ds) ? scaled(ru?.maxSurge, desired) : 0;
  let maxUnavailable = scaled(ru?.maxUnavailable, desired);
  if (desired > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  const available = (pod: Pod) => isPodAvailable(pod, minReady, now);
  const shouldRun = (node: string) => {
    const n = byName.get(node);
    return n ? nodeShouldRun(ds, n).shouldRun : false;
  };

  if (maxSurge === 0) {
    let unavailable = 0;
    const replace: Pod[] = [];
    const candidates: Pod[] = [];
    for (const pods of podsOn.values()) {
      const found = updatedAndOld(pods, hash, generation);
      if (!found) {
        unavailable++;
        continue;
      }
      const { newPod, oldPod } = found;
      if ((!newPod && !oldPod) || (newPod && oldPod)) unavailable++;
      else if (newPod) {
        if (!available(newPod)) unavailable++;
      } else if (!available(oldPod!)) {
        replace.push(oldPod!);
        unavailable++;
      } else if (unavailable < maxUnavailable) {
        candidates.push(oldPod!);
      }
    }
    const room = Math.min(Math.max(0, maxUnavailable - unavailable), candidates.length);
    return { createOn: [], remove: [...replace, ...candidates.slice(0, room)] };
  }

  const remove: Pod[] = [];
  const allowed: string[] = [];
  const candidates: string[] = [];
  let surging = 0;
  for (const [node, pods] of podsOn) {
    const found = updatedAndOld(pods, hash, generation);
    if (!found) {
      surging++;
      continue;
    }
    const { newPod, oldPod } = found;
    if (!oldPod) continue;
    if (!newPod) {
      if (!available(oldPod)) {
        if (shouldRun(node)) allowed.push(node);
        else remove.push(oldPod);
      } else if (shouldRun(node) && surging < maxSurge) {
        candidates.push(node);
      }
    } else if (!available(newPod)) {
      surging++;
    } else {
      remove.push(oldPod);
    }
  }
  const room = Math.min(Math.max(0, maxSurge - surging), candidates.length);
  return { createOn: [...allowed, ...candidates.slice(0, room)], remove };
}

/** The status upstream reports: per node that should run the set, its oldest pod counts. */
export function daemonSetStatus(ds: DaemonSet, nodes: Node[], podsOn: Map<string, Pod[]>, hash: string, now: Date): DaemonSetStatus {
  const generation = templateGeneration(ds);
  const minReady = ds.spec.minReadySeconds ?? 0;
  let desired = 0;
  let current = 0;
  let misscheduled = 0;
  let ready = 0;
  let available = 0;
  let updated = 0;
  for (const node of nodes) {
    const pods = podsOn.get(node.metadata.name!) ?? [];
    if (!nodeShouldRun(ds, node).shouldRun) {
      if (pods.length) misscheduled++;
      continue;
    }
    desired++;
    if (!pods.length) continue;
    current++;
    const pod = [...pods].sort(byAgeAndPhase)[0]!;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReady, now)) available++;
    }
    if (isPodUpdated(pod, hash, generation)) updated++;
  }
  return {
    currentNumberScheduled: current,
    numberMisscheduled: misscheduled,
    desiredNumberScheduled: desired,
    numberReady: ready,
    updatedNumberScheduled: updated,
    numberAvailable: available,
    numberUnavailable: desired - available,
  };
}

/** Owned pods by node; `withFinished` keeps terminal pods already being deleted (the status leaves them out). */
export function podsByNode(pods: Pod[], withFinished: boolean): Map<string, Pod[]> {
  const byNode = new Map<string, Pod[]>();
  for (const pod of pods) {
    if (!withFinished && isTerminal(pod) && pod.metadata.deletionTimestamp) continue;
    const node = targetNode(pod);
    if (!node) continue;
    const list = byNode.get(node);
    if (list) list.push(pod);
    else byNode.set(node, [pod]);
  }
  return byNode;
}
