// Which pods a set controls, as upstream's ControllerRefManager decides:
// its own (controllerRef with its UID) while they match its selector — one
// that stops matching is released — and orphans in its namespace that match
// are adopted (a set deleted with --cascade=orphan and made again takes its
// old pods back). Adopting asks the API first whether the set still exists
// and is not being deleted; both writes are JSON patches guarded by the
// pod's resourceVersion.
import type { Pod } from '../apiserver/registry/core/types.js';
import type { KubeObject } from '../apiserver/registry/types.js';
import { labelSelectorMatches, type LabelSelector } from '../apiserver/selectors.js';
import { ApiError } from '../apiserver/status.js';
import { isConflict, isNotFound, JSON_PATCH, type ResourceClient } from '../client/client.js';
import type { Informer } from '../client/informer.js';
import { CONTROLLER_UID_INDEX, controllerOf, indexByController, type OwnerReference } from './pod-control.js';

const ORPHANS_BY_NAMESPACE = 'orphans-by-namespace';

/** Indexes the pod informer's orphans by namespace (once per informer). */
export function indexOrphans(pods: Informer<Pod>): void {
  indexByController(pods);
  if (!pods.hasIndex(ORPHANS_BY_NAMESPACE)) pods.addIndex(ORPHANS_BY_NAMESPACE, (pod) => (controllerOf(pod) ? [] : [pod.metadata.namespace ?? '']));
}

export interface ClaimingSet extends KubeObject {
  spec: { selector?: unknown };
}

/** Sets in the pod's namespace whose selector matches it: who may adopt an orphan. */
export function setsSelecting<T extends ClaimingSet>(sets: T[], pod: Pod): T[] {
  return sets.filter((s) => s.metadata.namespace === pod.metadata.namespace && labelSelectorMatches(s.spec.selector as LabelSelector, pod.metadata.labels));
}

/** Sets the pod's ownerReferences, if the pod is still the version seen. False when it changed or went. */
async function setOwners(podClient: ResourceClient<Pod>, pod: Pod, owners: OwnerReference[]): Promise<boolean> {
  const ops = [
    { op: 'test', path: '/metadata/resourceVersion', value: pod.metadata.resourceVersion },
    { op: 'add', path: '/metadata/ownerReferences', value: owners },
  ];
  try {
    await podClient.patch(pod.metadata.namespace, pod.metadata.name!, ops, JSON_PATCH);
    return true;
  } catch (err) {
    // A failed test is a 400 here (422 upstream); a version that moved on meanwhile, a 409.
    if (isNotFound(err) || isConflict(err) || (err instanceof ApiError && (err.code === 400 || err.code === 422))) return false;
    throw err;
  }
}

/**
 * The pods `set` controls after adopting and releasing. `member` narrows
 * which orphans it may take (a StatefulSet only those named after it);
 * `stillLive` asks the API whether the set may adopt at all.
 */
export async function claimPods(
  pods: Informer<Pod>,
  podClient: ResourceClient<Pod>,
  set: ClaimingSet,
  ref: OwnerReference,
  member: (pod: Pod) => boolean,
  stillLive: () => Promise<boolean>,
): Promise<Pod[]> {
  const selector = set.spec.selector as LabelSelector;
  const claimed: Pod[] = [];
  for (const pod of pods.byIndex(CONTROLLER_UID_INDEX, set.metadata.uid!)) {
    if (labelSelectorMatches(selector, pod.metadata.labels) || set.metadata.deletionTimestamp) {
      claimed.push(pod);
      continue;
    }
    // No longer selected: it is released, unless it is going anyway.
    if (!pod.metadata.deletionTimestamp) {
      await setOwners(podClient, pod, (pod.metadata.ownerReferences as OwnerReference[]).filter((r) => r.uid !== set.metadata.uid));
    }
  }
  if (set.metadata.deletionTimestamp) return claimed;
  const orphans = pods
    .byIndex(ORPHANS_BY_NAMESPACE, set.metadata.namespace ?? '')
    .filter((pod) => !pod.metadata.deletionTimestamp && labelSelectorMatches(selector, pod.metadata.labels) && member(pod));
  if (!orphans.length || !(await stillLive())) return claimed;
  for (const pod of orphans) {
    if (await setOwners(podClient, pod, [...((pod.metadata.ownerReferences as OwnerReference[] | undefined) ?? []), ref])) claimed.push(pod);
  }
  return claimed;
}

/** Whether the set, as the API has it now, is the one seen and not being deleted (upstream's recheck before adopting). */
export function recheck(client: ResourceClient, set: KubeObject): () => Promise<boolean> {
  return async () => {
    const fresh = await client.find(set.metadata.namespace, set.metadata.name!);
    return fresh?.metadata.uid === set.metadata.uid && !fresh?.metadata.deletionTimestamp;
  };
}
