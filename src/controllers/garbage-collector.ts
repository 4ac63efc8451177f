// The garbage collector: deletes objects whose owners are gone, and carries
// out the propagation policy a deletion asked for (kubectl delete
// --cascade=background|foreground|orphan), as kube-controller-manager's does.
//
// It watches every kind discovery lists as deletable (events excepted) and
// keeps a graph of ownerReferences by UID. Work items are single objects;
// reconcile(item) looks at the object as it is now:
// - marked for deletion with the `orphan` finalizer: its dependents lose
//   their reference to it, then the finalizer goes;
// - marked with `foregroundDeletion`: its dependents are deleted (each
//   decides for itself, below); once none with blockOwnerDeletion is left,
//   the finalizer goes and the store removes the object;
// - a dependent: if some owner still stands, references to gone owners are
//   dropped; if none does, it is deleted — in the foreground when an owner
//   is waiting for it in the foreground and it has dependents of its own.
// An owner missing from the caches is looked up in the API before anything
// is deleted because of it (its watch may simply lag behind).
import { isDeepStrictEqual } from 'node:util';
import type { KubeObject } from '../apiserver/registry/types.js';
import { isNotFound, type ApiClient } from '../client/client.js';
import { deletableResources, type DiscoveredResource } from '../client/discovery.js';
import { keyOf, splitKey, type Informer } from '../client/informer.js';
import type { Informers } from '../client/informers.js';
import { Controller, type Reconciler } from './controller.js';
import type { OwnerReference } from './pod-control.js';

const ORPHAN = 'orphan';
const FOREGROUND = 'foregroundDeletion';

/** Kinds never owned nor owning, and too many to watch for nothing (as upstream ignores them). */
const IGNORED = new Set(['/events', 'events.k8s.io/events']);

interface Monitor {
  resource: DiscoveredResource;
  informer: Informer;
}

/** Where an object lives: which monitor, and its key there. */
interface Location {
  monitor: string;
  key: string;
}

const ownersOf = (obj: KubeObject) => (obj.metadata.ownerReferences as OwnerReference[] | undefined) ?? [];
const has = (obj: KubeObject, finalizer: string) => obj.metadata.finalizers?.includes(finalizer) ?? false;
const itemOf = (monitor: string, key: string) => `${monitor}|${key}`;

export class GarbageCollector implements Reconciler {
  readonly name = 'garbage-collector';
  private readonly controller: Controller;
  private readonly monitors = new Map<string, Monitor>();
  /** "group/Kind" → resource, to find an owner from its reference (whatever version it names). */
  private readonly byKind = new Map<string, DiscoveredResource>();
  private readonly byUid = new Map<string, Location>();
  private readonly dependents = new Map<string, Set<string>>();

  constructor(
    private readonly client: ApiClient,
    private readonly informers: Informers,
    log: (message: string) => void = () => {},
  ) {
    this.controller = new Controller(this, { workers: 4, onError: log });
  }

  async start(): Promise<void> {
    for (const resource of await deletableResources(this.client)) {
      const id = `${resource.group}/${resource.resource}`;
      this.byKind.set(`${resource.group}/${resource.kind}`, resource);
      if (IGNORED.has(id)) continue;
      const informer = this.informers.for(resource);
      this.monitors.set(id, { resource, informer });
      informer.on({
        add: (obj) => this.observe(id, undefined, obj),
        update: (old, obj) => this.observe(id, old, obj),
        delete: (obj) => this.forget(id, obj),
      });
    }
    await Promise.all([...this.monitors.values()].map((m) => m.informer.synced));
    this.controller.start();
  }

  async stop(): Promise<void> {
    await this.controller.stop();
  }

  private observe(monitor: string, old: KubeObject | undefined, obj: KubeObject): void {
    // A relist can show a recreated object as an update: the old one is gone.
    if (old && old.metadata.uid !== obj.metadata.uid) {
      this.forget(monitor, old);
      old = undefined;
    }
    const item = itemOf(monitor, keyOf(obj));
    this.byUid.set(obj.metadata.uid!, { monitor, key: keyOf(obj) });
    for (const ref of ownersOf(old ?? obj)) this.removeDependent(ref.uid, item);
    for (const ref of ownersOf(obj)) this.dependentsSet(ref.uid).add(item);
    // An owner waiting in the foreground may have just lost a blocking dependent.
    const blocking = (o: KubeObject | undefined) => new Set(ownersOf(o ?? obj).filter((r) => r.blockOwnerDeletion).map((r) => r.uid));
    if (old) {
      const now = blocking(obj);
      for (const uid of blocking(old)) if (!now.has(uid)) this.enqueueUid(uid);
    }
    // Only what the collector acts on wakes it (as upstream's graph builder): new or changed owner
    // references, and a deletion that waits for it. A pod's status updates do not.
    const refsChanged = !old || !isDeepStrictEqual(ownersOf(old), ownersOf(obj));
    const marked = obj.metadata.deletionTimestamp && (has(obj, ORPHAN) || has(obj, FOREGROUND));
    const markChanged = !old || old.metadata.deletionTimestamp !== obj.metadata.deletionTimestamp || !isDeepStrictEqual(old.metadata.finalizers, obj.metadata.finalizers);
    if ((marked && markChanged) || (ownersOf(obj).length && refsChanged)) this.controller.enqueue(item);
  }

  private forget(monitor: string, obj: KubeObject): void {
    const item = itemOf(monitor, keyOf(obj));
    this.byUid.delete(obj.metadata.uid!);
    // Its owners may be waiting for it (foreground), its dependents may now be garbage.
    for (const ref of ownersOf(obj)) {
      this.removeDependent(ref.uid, item);
      this.enqueueUid(ref.uid);
    }
    const dependents = this.dependents.get(obj.metadata.uid!);
    for (const dependent of dependents ?? []) this.controller.enqueue(dependent);
    if (dependents?.size === 0) this.dependents.delete(obj.metadata.uid!);
  }

  private enqueueUid(uid: string): void {
    const at = this.byUid.get(uid);
    if (at) this.controller.enqueue(itemOf(at.monitor, at.key));
  }

  private removeDependent(ownerUid: string, item: string): void {
    const set = this.dependents.get(ownerUid);
    set?.delete(item);
    // Owners that never existed, or are gone, keep no empty set behind.
    if (set?.size === 0 && !this.byUid.has(ownerUid)) this.dependents.delete(ownerUid);
  }

  private dependentsSet(uid: string): Set<string> {
    let set = this.dependents.get(uid);
    if (!set) this.dependents.set(uid, (set = new Set()));
    return set;
  }

  /** The cached objects that name `uid` among their owners. */
  private dependentsOf(uid: string): { monitor: Monitor; obj: KubeObject }[] {
    return [...(this.dependents.get(uid) ?? [])].flatMap((item) => {
      const found = this.lookup(item);
      return found ? [found] : [];
    });
  }

  private lookup(item: string): { monitor: Monitor; obj: KubeObject } | undefined {
    const bar = item.indexOf('|');
    const monitor = this.monitors.get(item.slice(0, bar));
    const obj = monitor?.informer.get(item.slice(bar + 1));
    return monitor && obj ? { monitor, obj } : undefined;
  }

  async reconcile(item: string): Promise<void> {
    const found = this.lookup(item);
    if (!found) return;
    const { monitor, obj } = found;
    if (obj.metadata.deletionTimestamp) {
      if (has(obj, ORPHAN)) return this.orphanDependents(monitor, obj);
      if (has(obj, FOREGROUND)) return this.deleteDependentsFirst(monitor, obj);
      return;
    }
    if (ownersOf(obj).length) await this.checkOwners(monitor, obj);
  }

  private async orphanDependents(monitor: Monitor, owner: KubeObject): Promise<void> {
    const uid = owner.metadata.uid!;
    for (const { monitor: m, obj } of this.dependentsOf(uid)) {
      await this.patch(m, obj, { ownerReferences: ownersOf(obj).filter((r) => r.uid !== uid) });
    }
    await this.patch(monitor, owner, { finalizers: owner.metadata.finalizers!.filter((f) => f !== ORPHAN) });
  }

  private async deleteDependentsFirst(monitor: Monitor, owner: KubeObject): Promise<void> {
    const uid = owner.metadata.uid!;
    const dependents = this.dependentsOf(uid);
    // Each dependent decides in checkOwners whether it goes (another owner may keep it).
    for (const { monitor: m, obj } of dependents) this.controller.enqueue(itemOf(`${m.resource.group}/${m.resource.resource}`, keyOf(obj)));
    const blocking = dependents.filter(({ obj }) => ownersOf(obj).some((r) => r.uid === uid && r.blockOwnerDeletion));
    if (blocking.length === 0) await this.patch(monitor, owner, { finalizers: owner.metadata.finalizers!.filter((f) => f !== FOREGROUND) });
  }

  private async checkOwners(monitor: Monitor, obj: KubeObject): Promise<void> {
    const solid: OwnerReference[] = [];
    const gone: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const ref of ownersOf(obj)) {
      const owner = await this.ownerOf(obj, ref);
      if (owner === undefined) gone.push(ref);
      else if (owner.metadata.deletionTimestamp && has(owner, FOREGROUND)) waiting.push(ref);
      else solid.push(ref);
    }
    if (solid.length) {
      if (gone.length || waiting.length) await this.patch(monitor, obj, { ownerReferences: solid });
      return;
    }
    const hasDependents = (this.dependents.get(obj.metadata.uid!)?.size ?? 0) > 0;
    const policy =
      (waiting.length && hasDependents) || has(obj, FOREGROUND) ? 'Foreground' : has(obj, ORPHAN) ? 'Orphan' : 'Background';
    const { namespace, name } = splitKey(keyOf(obj));
    await this.client
      .resource(monitor.resource)
      .delete(namespace, name, { preconditions: { uid: obj.metadata.uid }, propagationPolicy: policy })
      .catch((err: unknown) => {
        if (!isNotFound(err) && !isConflictOnUid(err)) throw err;
      });
  }

  /**
   * The owner a reference names, or undefined when it is gone (or another
   * object with a new UID took its name). A miss in the caches is
   * confirmed with the API.
   */
  private async ownerOf(dependent: KubeObject, ref: OwnerReference): Promise<KubeObject | undefined> {
    const group = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : '';
    const resource = this.byKind.get(`${group}/${ref.kind}`);
    // A kind this server does not serve: never a reason to delete.
    if (!resource) return dependent;
    // A namespaced owner lives in its dependent's namespace; one elsewhere is no owner of it.
    const namespace = resource.namespaced ? dependent.metadata.namespace : undefined;
    const cached = this.byUid.get(ref.uid);
    const hit = cached && this.monitors.get(cached.monitor)?.informer.get(cached.key);
    if (hit?.metadata.uid === ref.uid) return hit.metadata.namespace === namespace ? hit : undefined;
    const live = await this.client.resource(resource).find(namespace, ref.name);
    return live?.metadata.uid === ref.uid ? live : undefined;
  }

  /** A merge patch of metadata, pinned to the cached version: a newer object comes back through the queue. */
  private async patch(monitor: Monitor, obj: KubeObject, metadata: { ownerReferences?: OwnerReference[]; finalizers?: string[] }): Promise<void> {
    const { namespace, name } = splitKey(keyOf(obj));
    const body = Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k, v.length ? v : null]));
    await this.client
      .resource(monitor.resource)
      .patch(namespace, name, { metadata: { ...body, resourceVersion: obj.metadata.resourceVersion } })
      .catch((err: unknown) => {
        if (!isNotFound(err)) throw err;
      });
  }
}

/** A UID precondition that failed: the name now belongs to another object, which is not ours to delete. */
function isConflictOnUid(err: unknown): boolean {
  return (err as { reason?: string }).reason === 'Conflict' && /UID in precondition/.test((err as Error).message);
}
