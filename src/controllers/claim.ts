// What a controller controls, as upstream's ControllerRefManager decides:
// the objects naming it as controller (by UID) while they match its
// selector — one that stops matching is released — and orphans in its
// namespace that match, which it adopts (a Deployment deleted with
// --cascade=orphan and made again takes its ReplicaSets back). Adopting
// asks the API first whether the owner still exists and is not being
// deleted; both writes are JSON patches guarded by the object's
// resourceVersion. The same code claims pods for ReplicaSets, DaemonSets
// and StatefulSets and ReplicaSets for Deployments.
import type { KubeObject } from '../apiserver/registry/types.js';
import { labelSelectorMatches, type LabelSelector } from '../apiserver/selectors.js';
import { ApiError } from '../apiserver/status.js';
import { isConflict, isNotFound, JSON_PATCH, type ResourceClient } from '../client/client.js';
import type { Informer } from '../client/informer.js';
import { CONTROLLER_UID_INDEX, controllerOf, indexByController, type OwnerReference } from './pod-control.js';

const ORPHANS_BY_NAMESPACE = 'orphans-by-namespace';

/** Indexes an informer's objects by controller UID, and its orphans by namespace (once per informer). */
export function indexForClaims<T extends KubeObject>(informer: Informer<T>): void {
  indexByController(informer);
  if (!informer.hasIndex(ORPHANS_BY_NAMESPACE)) informer.addIndex(ORPHANS_BY_NAMESPACE, (obj) => (controllerOf(obj) ? [] : [obj.metadata.namespace ?? '']));
}

export interface Claimant extends KubeObject {
  spec: { selector?: LabelSelector };
}

/** Owners in the object's namespace whose selector matches it: who may adopt it while it is an orphan. */
export function ownersSelecting<T extends Claimant>(owners: T[], obj: KubeObject): T[] {
  return owners.filter((o) => o.metadata.namespace === obj.metadata.namespace && labelSelectorMatches(o.spec.selector, obj.metadata.labels));
}

/** Sets the object's ownerReferences, if it is still the version seen. False when it changed or went. */
async function setOwners<T extends KubeObject>(client: ResourceClient<T>, obj: T, owners: OwnerReference[]): Promise<T | undefined> {
  const ops = [
    { op: 'test', path: '/metadata/resourceVersion', value: obj.metadata.resourceVersion },
    // The last reference released leaves no empty list behind (Go omits it).
    owners.length ? { op: 'add', path: '/metadata/ownerReferences', value: owners } : { op: 'remove', path: '/metadata/ownerReferences' },
  ];
  try {
    return await client.patch(obj.metadata.namespace, obj.metadata.name!, ops, JSON_PATCH);
  } catch (err) {
    // A failed test is a 400 here (422 upstream); a version that moved on meanwhile, a 409.
    if (isNotFound(err) || isConflict(err) || (err instanceof ApiError && (err.code === 400 || err.code === 422))) return undefined;
    throw err;
  }
}

export interface ClaimOptions<T extends KubeObject> {
  informer: Informer<T>;
  client: ResourceClient<T>;
  /** The reference an adopted object gets. */
  ref: OwnerReference;
  /** Which orphans this owner may take beyond its selector (a StatefulSet only pods named after it). */
  member?: (obj: T) => boolean;
  /** The owner's client, to ask whether it may adopt at all. */
  ownerClient: ResourceClient;
}

/** The objects `owner` controls after adopting and releasing. */
export async function claim<T extends KubeObject>(owner: Claimant, options: ClaimOptions<T>): Promise<T[]> {
  const { informer, client, ref } = options;
  const selector = owner.spec.selector;
  const claimed: T[] = [];
  for (const obj of informer.byIndex(CONTROLLER_UID_INDEX, owner.metadata.uid!)) {
    if (labelSelectorMatches(selector, obj.metadata.labels)) {
      claimed.push(obj);
      continue;
    }
    // No longer selected: it is released, unless it or its owner is going anyway.
    if (!obj.metadata.deletionTimestamp && !owner.metadata.deletionTimestamp) {
      await setOwners(client, obj, (obj.metadata.ownerReferences as OwnerReference[]).filter((r) => r.uid !== owner.metadata.uid));
    }
  }
  if (owner.metadata.deletionTimestamp) return claimed;
  const orphans = informer
    .byIndex(ORPHANS_BY_NAMESPACE, owner.metadata.namespace ?? '')
    .filter((obj) => !obj.metadata.deletionTimestamp && labelSelectorMatches(selector, obj.metadata.labels) && (options.member?.(obj) ?? true));
  if (!orphans.length || !(await stillLive(options.ownerClient, owner))) return claimed;
  for (const obj of orphans) {
    const adopted = await setOwners(client, obj, [...((obj.metadata.ownerReferences as OwnerReference[] | undefined) ?? []), ref]);
    if (adopted) claimed.push(adopted);
  }
  return claimed;
}

/** Whether the owner, as the API has it now, is the one seen and not being deleted (upstream's recheck before adopting). */
async function stillLive(client: ResourceClient, owner: KubeObject): Promise<boolean> {
  const fresh = await client.find(owner.metadata.namespace, owner.metadata.name!);
  return fresh?.metadata.uid === owner.metadata.uid && !fresh?.metadata.deletionTimestamp;
}
