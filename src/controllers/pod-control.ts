// What every workload controller (ReplicaSet, DaemonSet, StatefulSet, Job)
// needs of the pods it owns: the controller reference that marks them as
// its own, a pod made from its template, and upstream's notions of an
// active, ready and available pod. Claiming is claim.ts's.
import type { KubeObject } from '../apiserver/registry/types.js';
import type { Pod, PodSpec } from '../apiserver/registry/core/types.js';
import type { Informer } from '../client/informer.js';

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string>; finalizers?: string[] };
  spec: PodSpec;
}

/** The reference a controller puts on what it makes: controller=true, and deletion of the owner waits for it in foreground. */
export function controllerRef(owner: KubeObject, apiVersion: string, kind: string): OwnerReference {
  return { apiVersion, kind, name: owner.metadata.name!, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true };
}

/** The owner reference with controller=true, if any. */
export function controllerOf(obj: KubeObject): OwnerReference | undefined {
  return (obj.metadata.ownerReferences as OwnerReference[] | undefined)?.find((r) => r.controller);
}

/** A new pod from a template, owned by `ref`; its name is `generateName` plus upstream's five random characters unless `name` is given. */
export function podFromTemplate(template: PodTemplate, ref: OwnerReference, name: { generateName: string } | { name: string }, extraLabels: Record<string, string> = {}): Pod {
  const meta = template.metadata ?? {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...name,
      labels: { ...meta.labels, ...extraLabels },
      ...(meta.annotations ? { annotations: { ...meta.annotations } } : {}),
      ...(meta.finalizers ? { finalizers: [...meta.finalizers] } : {}),
      ownerReferences: [ref],
    },
    spec: structuredClone(template.spec),
  };
}

/** The owner an object's controller reference names, if the informer holds it (and it is still the same object, by UID). */
export function resolveController<T extends KubeObject>(obj: KubeObject, kind: string, owners: Informer<T>): T | undefined {
  const ref = controllerOf(obj);
  if (ref?.kind !== kind) return undefined;
  const owner = owners.get(obj.metadata.namespace ? `${obj.metadata.namespace}/${ref.name}` : ref.name);
  return owner?.metadata.uid === ref.uid ? owner : undefined;
}

/** Not finished and not being deleted: a pod that counts towards replicas. */
export const isPodActive = (pod: Pod) => pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed' && !pod.metadata.deletionTimestamp;

export const isPodTerminating = (pod: Pod) => Boolean(pod.metadata.deletionTimestamp);

function readyCondition(pod: Pod) {
  return pod.status?.conditions?.find((c) => c.type === 'Ready');
}

export const isPodReady = (pod: Pod) => readyCondition(pod)?.status === 'True';

/** Ready for at least minReadySeconds (upstream's IsPodAvailable). */
export function isPodAvailable(pod: Pod, minReadySeconds: number, now: Date): boolean {
  const ready = readyCondition(pod);
  if (ready?.status !== 'True') return false;
  if (!minReadySeconds) return true;
  const since = ready.lastTransitionTime ? Date.parse(ready.lastTransitionTime) : NaN;
  return !Number.isNaN(since) && since + minReadySeconds * 1000 <= now.getTime();
}

/** When a ready pod becomes available, in ms from now (0 when it is already); undefined when not ready. */
export function msUntilAvailable(pod: Pod, minReadySeconds: number, now: Date): number | undefined {
  const ready = readyCondition(pod);
  if (ready?.status !== 'True') return undefined;
  const since = ready.lastTransitionTime ? Date.parse(ready.lastTransitionTime) : now.getTime();
  return Math.max(0, since + minReadySeconds * 1000 - now.getTime());
}

export const CONTROLLER_UID_INDEX = 'controller-uid';

/** Indexes an informer's objects by their controller's UID, once per informer. */
export function indexByController<T extends KubeObject>(informer: Informer<T>): void {
  if (!informer.hasIndex(CONTROLLER_UID_INDEX)) {
    informer.addIndex(CONTROLLER_UID_INDEX, (obj) => {
      const ref = controllerOf(obj);
      return ref ? [ref.uid] : [];
    });
  }
}

