// The pure arithmetic of a Deployment's rollout, as upstream's
// deployment util computes it: template hashes and ReplicaSet naming,
// revisions, surge/unavailability fenceposts, how far the new ReplicaSet
// may grow, proportional scaling, and the status and conditions a
// Deployment reports. Nothing here talks to the API.
import { isDeepStrictEqual } from 'node:util';
import type { KubeObject } from '../../apiserver/registry/types.js';
import type { LabelSelector } from '../../apiserver/selectors.js';
import type { PodTemplate } from '../pod-control.js';
import type { ReplicaSet } from '../replicaset.js';

export const POD_TEMPLATE_HASH = 'pod-template-hash';
export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';

/** Deployment annotations a ReplicaSet does not inherit. */
const NOT_COPIED = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION,
  REVISION_HISTORY,
  DESIRED_REPLICAS,
  MAX_REPLICAS,
  'deprecated.deployment.rollback.to',
]);

export type IntOrString = number | string;

export interface DeploymentCondition {
  type: string;
  status: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  conditions?: DeploymentCondition[];
  collisionCount?: number;
}

export type Deployment = KubeObject & {
  spec: {
    replicas?: number;
    selector: LabelSelector;
    template: PodTemplate;
    strategy?: { type?: string; rollingUpdate?: { maxSurge?: IntOrString; maxUnavailable?: IntOrString } };
    minReadySeconds?: number;
    revisionHistoryLimit?: number;
    paused?: boolean;
    progressDeadlineSeconds?: number;
  };
  status?: DeploymentStatus;
};

export const replicasOf = (obj: { spec: { replicas?: number } }) => obj.spec.replicas ?? 1;

/** FNV-1a, 32 bits: the hash upstream names ReplicaSets by. */
function fnv1a(bytes: Buffer): number {
  let hash = 0x811c9dc5;
  for (const b of bytes) hash = Math.imul(hash ^ b, 0x01000193) >>> 0;
  return hash;
}

/** JSON with object keys sorted, so equal templates hash equally whatever order their fields came in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/**
 * The pod-template-hash of a template: a 32-bit hash of it (and of the
 * collision count, when there was a collision), written in upstream's safe
 * alphabet, so names look like nginx-test-75c685fdb7. The hash is of our
 * canonical JSON, not of Go's printing of the struct, so the values differ
 * from upstream's for the same template; the shape is the same.
 */
export function templateHash(template: PodTemplate, collisionCount?: number): string {
  const parts = [Buffer.from(canonical(template))];
  if (collisionCount !== undefined) {
    const count = Buffer.alloc(4);
    count.writeUInt32LE(collisionCount >>> 0);
    parts.push(count);
  }
  return [...String(fnv1a(Buffer.concat(parts)))].map((c) => SAFE_ALPHABET[c.charCodeAt(0) % SAFE_ALPHABET.length]).join('');
}

function withoutHash(template: PodTemplate): PodTemplate {
  const labels = { ...template.metadata?.labels };
  delete labels[POD_TEMPLATE_HASH];
  return { ...template, metadata: { ...template.metadata, labels } };
}

/** Whether a ReplicaSet's template is the Deployment's, its pod-template-hash label aside. */
export const equalIgnoringHash = (a: PodTemplate, b: PodTemplate) => isDeepStrictEqual(withoutHash(a), withoutHash(b));

export const revisionOf = (rs: KubeObject) => Number(rs.metadata.annotations?.[REVISION] ?? 0) || 0;

export const maxRevision = (sets: KubeObject[]) => sets.reduce((max, rs) => Math.max(max, revisionOf(rs)), 0);

const byCreation = (a: KubeObject, b: KubeObject) =>
  Date.parse(a.metadata.creationTimestamp ?? '') - Date.parse(b.metadata.creationTimestamp ?? '') || (a.metadata.name! < b.metadata.name! ? -1 : 1);

/** The ReplicaSet running the Deployment's current template (the oldest, should there be several). */
export function findNewReplicaSet(d: Deployment, sets: ReplicaSet[]): ReplicaSet | undefined {
  return [...sets].sort(byCreation).find((rs) => equalIgnoringHash(rs.spec.template, d.spec.template));
}

export const isActive = (rs: ReplicaSet | undefined): rs is ReplicaSet => Boolean(rs && replicasOf(rs) > 0);

/** An IntOrString like "25%" or 2 against a total; percentages round up or down as asked. */
export function scaledValue(value: IntOrString | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  const percent = Number(value.replace(/%$/, ''));
  const exact = (percent * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** maxSurge and maxUnavailable as pod counts; both zero would stall a rollout, so unavailability becomes 1. */
export function fenceposts(d: Deployment): { surge: number; unavailable: number } {
  const ru = d.spec.strategy?.rollingUpdate ?? {};
  const replicas = replicasOf(d);
  const surge = scaledValue(ru.maxSurge ?? '25%', replicas, true);
  const unavailable = scaledValue(ru.maxUnavailable ?? '25%', replicas, false);
  return surge === 0 && unavailable === 0 ? { surge, unavailable: 1 } : { surge, unavailable };
}

const isRollingUpdate = (d: Deployment) => (d.spec.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';

export const maxSurge = (d: Deployment) => (isRollingUpdate(d) ? fenceposts(d).surge : 0);

export function maxUnavailable(d: Deployment): number {
  if (!isRollingUpdate(d) || replicasOf(d) === 0) return 0;
  return Math.min(fenceposts(d).unavailable, replicasOf(d));
}

export const specReplicas = (sets: (ReplicaSet | undefined)[]) => sets.reduce((n, rs) => n + (rs ? replicasOf(rs) : 0), 0);
const statusSum = (sets: (ReplicaSet | undefined)[], field: 'replicas' | 'readyReplicas' | 'availableReplicas') =>
  sets.reduce((n, rs) => n + (rs?.status?.[field] ?? 0), 0);

/** How many pods the new ReplicaSet should have now. */
export function newReplicaSetReplicas(d: Deployment, all: (ReplicaSet | undefined)[], newRS: ReplicaSet): number {
  if (!isRollingUpdate(d)) return replicasOf(d);
  const current = specReplicas(all);
  const maxTotal = replicasOf(d) + maxSurge(d);
  if (current >= maxTotal) return replicasOf(newRS);
  return replicasOf(newRS) + Math.min(maxTotal - current, replicasOf(d) - replicasOf(newRS));
}

/**
 * The annotations a ReplicaSet should carry for the Deployment: the
 * Deployment's own (those meant to be copied), its revision (an older one
 * moves into revision-history), desired and max replicas. Undefined when
 * nothing changes.
 */
export function replicaSetAnnotations(d: Deployment, rs: KubeObject, revision: number, exists: boolean): Record<string, string> | undefined {
  const current = rs.metadata.annotations ?? {};
  const next: Record<string, string> = { ...current };
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (!NOT_COPIED.has(k)) next[k] = v;
  const old = current[REVISION];
  if (!old || Number(old) < revision) {
    next[REVISION] = String(revision);
    if (old && exists) next[REVISION_HISTORY] = current[REVISION_HISTORY] ? `${current[REVISION_HISTORY]},${old}` : old;
  }
  if (!exists) {
    next[DESIRED_REPLICAS] = String(replicasOf(d));
    next[MAX_REPLICAS] = String(replicasOf(d) + maxSurge(d));
  }
  return isDeepStrictEqual(next, current) ? undefined : next;
}

/** The one active ReplicaSet, or the newest when none is active; undefined when several are. */
export function activeOrLatest(newRS: ReplicaSet | undefined, olds: ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && olds.length === 0) return undefined;
  const newestFirst = [...olds].sort((a, b) => byCreation(b, a));
  const active = [...newestFirst, newRS].filter(isActive);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}

const annotationNumber = (rs: KubeObject, key: string) => {
  const v = rs.metadata.annotations?.[key];
  return v === undefined || v === '' ? undefined : Number(v);
};

export const desiredReplicasOf = (rs: KubeObject) => annotationNumber(rs, DESIRED_REPLICAS);

/** Whether the new ReplicaSet has every pod the Deployment wants, all available. */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  return Boolean(rs && replicasOf(rs) === replicasOf(d) && desiredReplicasOf(rs) === replicasOf(d) && (rs.status?.availableReplicas ?? 0) === replicasOf(d));
}

/**
 * New sizes for the active ReplicaSets when the Deployment is resized in
 * the middle of a rollout: each keeps its share of the new total
 * (upstream's proportional scaling); what rounding leaves over goes to the
 * largest.
 */
export function proportionalSizes(d: Deployment, active: ReplicaSet[]): { sizes: Map<ReplicaSet, number>; direction: 'up' | 'down' | '' } {
  const allowed = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
  const toAdd = allowed - specReplicas(active);
  const direction = toAdd > 0 ? 'up' : toAdd < 0 ? 'down' : '';
  // Largest first; among equals the newer when growing, the older when shrinking.
  const ordered = [...active].sort((a, b) => replicasOf(b) - replicasOf(a) || (toAdd > 0 ? byCreation(b, a) : byCreation(a, b)));
  const sizes = new Map<ReplicaSet, number>();
  let added = 0;
  for (const rs of ordered) {
    let share = 0;
    if (toAdd !== 0 && replicasOf(rs) !== 0 && added !== toAdd) {
      const fraction = replicaSetFraction(rs, d);
      share = toAdd > 0 ? Math.min(fraction, toAdd - added) : Math.max(fraction, toAdd - added);
    }
    sizes.set(rs, replicasOf(rs) + share);
    added += share;
  }
  if (ordered[0] && toAdd !== 0) sizes.set(ordered[0], Math.max(0, sizes.get(ordered[0])! + toAdd - added));
  return { sizes, direction };
}

function replicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  if (replicasOf(d) === 0) return -replicasOf(rs);
  const maxNow = replicasOf(d) + maxSurge(d);
  let maxBefore = annotationNumber(rs, MAX_REPLICAS) ?? 0;
  if (!maxBefore) maxBefore = d.status?.replicas ?? 0;
  if (!maxBefore) return 0;
  return Math.round((replicasOf(rs) * maxNow) / maxBefore) - replicasOf(rs);
}

export function getCondition(status: DeploymentStatus | undefined, type: string): DeploymentCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/**
 * Sets a condition as upstream's SetDeploymentCondition does: one with the
 * same status and reason is left as it is; otherwise it replaces the old,
 * keeping the transition time when the status did not change.
 */
export function setCondition(status: DeploymentStatus, condition: DeploymentCondition): void {
  const current = getCondition(status, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  if (current && current.status === condition.status) condition.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), condition];
}

export function newCondition(type: string, status: string, reason: string, message: string, now: string): DeploymentCondition {
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

/** The Deployment's status from its ReplicaSets: counts, and the Available condition. */
export function calculateStatus(d: Deployment, all: ReplicaSet[], newRS: ReplicaSet | undefined, now: string): DeploymentStatus {
  const available = statusSum(all, 'availableReplicas');
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation,
    replicas: statusSum(all, 'replicas'),
    updatedReplicas: statusSum([newRS], 'replicas'),
    readyReplicas: statusSum(all, 'readyReplicas'),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, specReplicas(all) - available),
    conditions: (d.status?.conditions ?? []).map((c) => ({ ...c })),
    ...(d.status?.collisionCount !== undefined ? { collisionCount: d.status.collisionCount } : {}),
  };
  if (available >= replicasOf(d) - maxUnavailable(d)) {
    setCondition(status, newCondition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', now));
  } else {
    setCondition(status, newCondition('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.', now));
  }
  return status;
}

/** Every pod updated and available, and the latest spec observed (upstream's DeploymentComplete). */
export function isComplete(d: Deployment, status: DeploymentStatus): boolean {
  const want = replicasOf(d);
  return status.updatedReplicas === want && status.replicas === want && status.availableReplicas === want && (status.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

/** Whether the new status shows progress over the last one written. */
export function isProgressing(d: Deployment, next: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOnes = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOnes = (next.replicas ?? 0) - (next.updatedReplicas ?? 0);
  return (
    (next.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOnes < oldOnes ||
    (next.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (next.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/**
 * ms left before the progress deadline passes with no progress (≤ 0:
 * passed); undefined without a deadline, a Progressing condition, or once
 * the rollout completed (upstream's DeploymentTimedOut).
 */
export function msToDeadline(d: Deployment, status: DeploymentStatus, nowMs: number): number | undefined {
  const deadline = d.spec.progressDeadlineSeconds;
  const condition = getCondition(status, 'Progressing');
  if (deadline === undefined || deadline === 2147483647 || !condition?.lastUpdateTime || condition.reason === 'NewReplicaSetAvailable') return undefined;
  return Date.parse(condition.lastUpdateTime) + deadline * 1000 - nowMs;
}

export const hasProgressDeadline = (d: Deployment) => d.spec.progressDeadlineSeconds !== undefined && d.spec.progressDeadlineSeconds !== 2147483647;
