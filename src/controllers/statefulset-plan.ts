// What a StatefulSet should do next, as a pure function of the set, its
// current and update revisions and its pods — upstream's updateStatefulSet
// — and the status that results. Pods have stable names, <set>-<ordinal>;
// with OrderedReady (monotonic) the first step that must wait ends the
// plan: a pod is made only once every lower ordinal is Running and Ready,
// and removed (scale down, from the highest ordinal) only once the others
// are. Parallel does everything at once. A rolling update then replaces
// pods not at the update revision from the highest ordinal down to the
// partition, no more than maxUnavailable at a time.
import type { LabelSelector } from '../apiserver/selectors.js';
import type { Pod, Volume } from '../apiserver/registry/core/types.js';
import type { KubeObject } from '../apiserver/registry/types.js';
import { REVISION_HASH_LABEL } from './history.js';
import { isPodAvailable, isPodReady, podFromTemplate, type OwnerReference, type PodTemplate } from './pod-control.js';

export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

type IntOrString = number | string;

export interface StatefulSet extends KubeObject {
  spec: {
    replicas?: number;
    selector?: LabelSelector;
    template: PodTemplate;
    serviceName?: string;
    podManagementPolicy?: string;
    minReadySeconds?: number;
    revisionHistoryLimit?: number;
    ordinals?: { start?: number };
    updateStrategy?: { type?: string; rollingUpdate?: { partition?: number; maxUnavailable?: IntOrString } };
    volumeClaimTemplates?: { metadata?: { name?: string } }[];
  };
  status?: StatefulSetStatus;
}

export interface StatefulSetStatus {
  observedGeneration?: number;
  replicas: number;
  readyReplicas: number;
  currentReplicas: number;
  updatedReplicas: number;
  availableReplicas: number;
  currentRevision?: string;
  updateRevision?: string;
  collisionCount?: number;
}

/** A revision as the plan needs it: its name (the pods' label) and its template. */
export interface RevisionView {
  name: string;
  template: PodTemplate;
}

export type Step =
  | { type: 'create'; pod: Pod }
  | { type: 'delete'; pod: Pod; why: 'terminated' | 'scale' | 'update' }
  /** The pod's identity labels are missing or wrong: put them right. */
  | { type: 'relabel'; pod: Pod; labels: Record<string, string> };

export interface Plan {
  steps: Step[];
  status: StatefulSetStatus;
}

const ORDINAL = /^(.*)-(\d+)$/;

/** The pod's ordinal if it is named <set>-<ordinal>, else -1. */
export function ordinalOf(set: StatefulSet, pod: Pod): number {
  const m = ORDINAL.exec(pod.metadata.name ?? '');
  return m && m[1] === set.metadata.name ? Number(m[2]) : -1;
}

export const podRevision = (pod: Pod) => pod.metadata.labels?.[REVISION_HASH_LABEL];

const startOrdinal = (set: StatefulSet) => set.spec.ordinals?.start ?? 0;
const isCreated = (pod: Pod) => Boolean(pod.metadata.uid);
const isTerminating = (pod: Pod) => Boolean(pod.metadata.deletionTimestamp);
const isRunningAndReady = (pod: Pod) => pod.status?.phase === 'Running' && isPodReady(pod);
const isRunningAndAvailable = (pod: Pod, minReady: number, now: Date) => pod.status?.phase === 'Running' && isPodAvailable(pod, minReady, now);
const isHealthy = (pod: Pod) => isRunningAndReady(pod) && !isTerminating(pod);
const isTerminated = (pod: Pod) => pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded';

function identityLabels(set: StatefulSet, ordinal: number): Record<string, string> {
  return { [POD_NAME_LABEL]: `${set.metadata.name}-${ordinal}`, [POD_INDEX_LABEL]: String(ordinal) };
}

/**
 * The pod for an ordinal from a template: its name, identity labels,
 * hostname and subdomain, and a persistentVolumeClaim volume per claim
 * template (named after it, claim <template>-<set>-<ordinal>) in place of
 * any template volume of that name.
 */
export function newStatefulPod(set: StatefulSet, owner: OwnerReference, revision: RevisionView, ordinal: number): Pod {
  const name = `${set.metadata.name}-${ordinal}`;
  const pod = podFromTemplate(revision.template, owner, { name }, { ...identityLabels(set, ordinal), [REVISION_HASH_LABEL]: revision.name });
  pod.metadata.namespace = set.metadata.namespace;
  pod.spec.hostname = name;
  if (set.spec.serviceName) pod.spec.subdomain = set.spec.serviceName;
  const claims: Volume[] = (set.spec.volumeClaimTemplates ?? []).map((c) => ({
    name: c.metadata?.name ?? '',
    persistentVolumeClaim: { claimName: `${c.metadata?.name}-${set.metadata.name}-${ordinal}` },
  }));
  if (claims.length) {
    const claimed = new Set(claims.map((v) => v.name));
    pod.spec.volumes = [...claims, ...(pod.spec.volumes ?? []).filter((v) => !claimed.has(v.name))];
  }
  return pod;
}

/** Upstream's newVersionedStatefulSetPod: ordinals below the partition stay at the current revision. */
function versionedPod(set: StatefulSet, owner: OwnerReference, current: RevisionView, update: RevisionView, ordinal: number): Pod {
  const strategy = set.spec.updateStrategy;
  const start = startOrdinal(set);
  const rolling = strategy?.type === 'RollingUpdate';
  const belowPartition =
    (rolling && !strategy?.rollingUpdate && ordinal < start + (set.status?.currentReplicas ?? 0)) ||
    (strategy?.rollingUpdate !== undefined && ordinal < start + (strategy.rollingUpdate.partition ?? 0));
  return newStatefulPod(set, owner, belowPartition ? current : update, ordinal);
}

/** The status the pods give (upstream's computeReplicaStatus); pods this sync makes or scales away count as they are now. */
function countPods(pods: Pod[], minReady: number, now: Date, current: string, update: string) {
  const s = { replicas: 0, readyReplicas: 0, availableReplicas: 0, currentReplicas: 0, updatedReplicas: 0 };
  for (const pod of pods) {
    if (isCreated(pod)) s.replicas++;
    if (isRunningAndReady(pod)) {
      s.readyReplicas++;
      if (isRunningAndAvailable(pod, minReady, now)) s.availableReplicas++;
    }
    if (isCreated(pod) && !isTerminating(pod)) {
      if (podRevision(pod) === current) s.currentReplicas++;
      if (podRevision(pod) === update) s.updatedReplicas++;
    }
  }
  return s;
}

/** The scaled maxUnavailable (rounded down, at least 1). */
function maxUnavailableOf(value: IntOrString | undefined, replicas: number): number {
  let n = 1;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && value.endsWith('%')) n = Math.floor((Number(value.slice(0, -1)) * replicas) / 100);
  else if (typeof value === 'string') n = Number(value) || 0;
  return Math.max(1, n);
}

export function planStatefulSet(set: StatefulSet, owner: OwnerReference, current: RevisionView, update: RevisionView, pods: Pod[], now: Date): Plan {
  const minReady = set.spec.minReadySeconds ?? 0;
  const counts = countPods(pods, minReady, now, current.name, update.name);
  const status: StatefulSetStatus = {
    observedGeneration: set.metadata.generation,
    ...counts,
    currentRevision: current.name,
    updateRevision: update.name,
  };
  const steps: Step[] = [];
  const done = (): Plan => ({ steps, status });

  const start = startOrdinal(set);
  const count = set.spec.replicas ?? 1;
  const replicas: (Pod | undefined)[] = new Array(count).fill(undefined);
  const condemned: Pod[] = [];
  for (const pod of pods) {
    const ord = ordinalOf(set, pod);
    if (ord < 0) continue;
    if (ord >= start && ord < start + count) replicas[ord - start] = pod;
    else condemned.push(pod);
  }
  condemned.sort((a, b) => ordinalOf(set, b) - ordinalOf(set, a));
  const slots = replicas.map((pod, i) => pod ?? versionedPod(set, owner, current, update, start + i));
  const firstUnhealthy = [...slots, ...[...condemned].reverse()].find((p) => !isHealthy(p));
  if (set.metadata.deletionTimestamp) return done();

  const monotonic = set.spec.podManagementPolicy !== 'Parallel';
  for (let i = 0; i < slots.length; i++) {
    const pod = slots[i]!;
    if (isCreated(pod) && isTerminated(pod)) {
      // A failed or succeeded pod is deleted; it is made again once it is gone.
      if (!isTerminating(pod)) steps.push({ type: 'delete', pod, why: 'terminated' });
      if (monotonic) return done();
      continue;
    }
    if (!isCreated(pod)) {
      steps.push({ type: 'create', pod });
      if (monotonic) return done();
      continue;
    }
    if (monotonic && (isTerminating(pod) || !isRunningAndReady(pod) || !isRunningAndAvailable(pod, minReady, now))) return done();
    const ord = ordinalOf(set, pod);
    const wanted = identityLabels(set, ord);
    if (Object.entries(wanted).some(([k, v]) => pod.metadata.labels?.[k] !== v)) steps.push({ type: 'relabel', pod, labels: wanted });
  }

  // Scale down, highest ordinal first; in order, only while the rest are healthy.
  for (const pod of condemned) {
    if (isTerminating(pod)) {
      if (monotonic) return done();
      continue;
    }
    if (monotonic && pod !== firstUnhealthy && (!isRunningAndReady(pod) || !isRunningAndAvailable(pod, minReady, now))) return done();
    steps.push({ type: 'delete', pod, why: 'scale' });
    if (monotonic) return done();
  }

  if (set.spec.updateStrategy?.type !== 'RollingUpdate') return done();
  const ru = set.spec.updateStrategy.rollingUpdate;
  const partition = ru?.partition ?? 0;
  const maxUnavailable = maxUnavailableOf(ru?.maxUnavailable, count);
  const unavailable = slots.filter((p) => !isHealthy(p)).length;
  let room = maxUnavailable - unavailable;
  for (let target = slots.length - 1; target >= partition && room > 0; target--) {
    const pod = slots[target]!;
    if (!isCreated(pod) || podRevision(pod) === update.name || isTerminating(pod)) continue;
    steps.push({ type: 'delete', pod, why: 'update' });
    status.currentReplicas--;
    room--;
  }
  return done();
}

/** Upstream's completeRollingUpdate: once every pod is updated and ready, the update revision becomes the current one. */
export function completeRollingUpdate(set: StatefulSet, status: StatefulSetStatus): StatefulSetStatus {
  if (set.spec.updateStrategy?.type === 'RollingUpdate' && status.updatedReplicas === status.replicas && status.readyReplicas === status.replicas) {
    return { ...status, currentReplicas: status.updatedReplicas, currentRevision: status.updateRevision };
  }
  return status;
}
