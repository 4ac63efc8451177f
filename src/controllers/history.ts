// Controller history, shared by the DaemonSet and StatefulSet controllers
// as upstream's is: each distinct pod template a set has had is kept as a
// ControllerRevision it owns, named <set>-<hash>, labelled with the hash,
// numbered in the order the templates were (last) in use. The data is the
// patch that puts the template back (`kubectl rollout undo` applies it):
// {"spec":{"template":{…,"$patch":"replace"}}}, keys sorted as Go writes a map.
import { isDeepStrictEqual } from 'node:util';
import type { KubeObject } from '../apiserver/registry/types.js';
import { CONTROLLERREVISIONS, isAlreadyExists, JSON_PATCH, type ApiClient, type ResourceClient } from '../client/client.js';
import type { Informer } from '../client/informer.js';
import type { Informers } from '../client/informers.js';
import { CONTROLLER_UID_INDEX, indexByController, type OwnerReference, type PodTemplate } from './pod-control.js';

export const REVISION_HASH_LABEL = 'controller-revision-hash';

export interface ControllerRevision extends KubeObject {
  data: unknown;
  revision: number;
}

/** What history needs of a set: its template, and its annotations (carried onto each revision, change-cause included). */
export interface VersionedSet extends KubeObject {
  spec?: { template?: PodTemplate; revisionHistoryLimit?: number };
  status?: { collisionCount?: number };
}

/** A copy with every object's keys in order, as Go's json.Marshal writes a map. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** The revision data for a set's current template. */
export function templatePatch(set: VersionedSet): unknown {
  const template = structuredClone(set.spec?.template ?? {}) as Record<string, unknown>;
  // A typed template always encodes its metadata, creationTimestamp null included.
  template.metadata = { creationTimestamp: null, ...(template.metadata as object | undefined) };
  return sortKeys({ spec: { template: { ...template, $patch: 'replace' } } });
}

/** The pod template a revision holds. */
export function templateOf(revision: ControllerRevision): PodTemplate {
  const { $patch: _, ...template } = (revision.data as { spec: { template: PodTemplate & { $patch?: string } } }).spec.template;
  return template;
}

/** 32-bit FNV-1 over the data's JSON (and the collision count), written with upstream's safe alphabet. */
export function revisionHash(data: unknown, collisionCount?: number): string {
  let hash = 0x811c9dc5;
  const bytes = Buffer.from(JSON.stringify(data) + (collisionCount === undefined ? '' : String(collisionCount)));
  for (const b of bytes) {
    hash = Math.imul(hash, 0x01000193) >>> 0;
    hash = (hash ^ b) >>> 0;
  }
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  return [...String(hash)].map((c) => alphabet[c.charCodeAt(0) % alphabet.length]).join('');
}

export const revisionName = (setName: string, hash: string) => `${setName.slice(0, 223)}-${hash}`;

export const equalRevision = (a: ControllerRevision, b: ControllerRevision) => isDeepStrictEqual(a.data, b.data);

/** Oldest first: by revision number, then creation time, then name. */
export function sortRevisions(list: ControllerRevision[]): ControllerRevision[] {
  return [...list].sort(
    (a, b) =>
      a.revision - b.revision ||
      (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') ||
      a.metadata.name!.localeCompare(b.metadata.name!),
  );
}

export const nextRevision = (sorted: ControllerRevision[]) => (sorted.length ? sorted[sorted.length - 1]!.revision + 1 : 1);

/** A revision for the set's template (not yet stored), numbered `revision`. */
export function newRevision(set: VersionedSet, owner: OwnerReference, revision: number, collisionCount?: number): ControllerRevision {
  const data = templatePatch(set);
  const hash = revisionHash(data, collisionCount);
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: revisionName(set.metadata.name!, hash),
      namespace: set.metadata.namespace,
      labels: { ...set.spec?.template?.metadata?.labels, [REVISION_HASH_LABEL]: hash },
      ...(set.metadata.annotations ? { annotations: { ...set.metadata.annotations } } : {}),
      ownerReferences: [owner],
    },
    data,
    revision,
  };
}

/**
 * Which stored revisions to delete so that no more than `limit` remain
 * besides the live ones (those a pod or the set's status still names),
 * oldest first.
 */
export function revisionsToTruncate(sorted: ControllerRevision[], live: Set<string>, limit: number): ControllerRevision[] {
  const historic = sorted.filter((r) => !live.has(r.metadata.name!));
  return historic.slice(0, Math.max(0, historic.length - limit));
}

export class History {
  private readonly revisions: Informer<ControllerRevision>;
  private readonly client: ResourceClient<ControllerRevision>;

  constructor(client: ApiClient, informers: Informers) {
    this.revisions = informers.for<ControllerRevision>(CONTROLLERREVISIONS);
    indexByController(this.revisions);
    this.client = client.resource<ControllerRevision>(CONTROLLERREVISIONS);
  }

  /** The set's revisions, oldest first. */
  owned(set: KubeObject): ControllerRevision[] {
    return sortRevisions(this.revisions.byIndex(CONTROLLER_UID_INDEX, set.metadata.uid!));
  }

  /**
   * The revision for the set's current template: the newest one equal to it
   * (renumbered to come last when an older template returns, as a rollback
   * does), or a new one. A different revision already holding the name
   * (a hash collision) makes the count go up and the name change; the
   * count in use is returned for the set's status.
   */
  async current(set: VersionedSet, owner: OwnerReference, sorted: ControllerRevision[]): Promise<{ revision: ControllerRevision; collisionCount: number }> {
    let collisionCount = set.status?.collisionCount ?? 0;
    const next = nextRevision(sorted);
    const wanted = newRevision(set, owner, next, collisionCount);
    const equal = sorted.filter((r) => equalRevision(r, wanted));
    const newest = equal[equal.length - 1];
    if (newest && newest === sorted[sorted.length - 1]) return { revision: newest, collisionCount };
    if (newest) return { revision: await this.client.patch(newest.metadata.namespace, newest.metadata.name!, { revision: next }), collisionCount };
    for (;;) {
      const candidate = newRevision(set, owner, next, collisionCount);
      try {
        return { revision: await this.client.create(candidate.metadata.namespace, candidate), collisionCount };
      } catch (err) {
        if (!isAlreadyExists(err)) throw err;
        const existing = await this.client.get(candidate.metadata.namespace, candidate.metadata.name!);
        const refs = (existing.metadata.ownerReferences ?? []) as OwnerReference[];
        if (equalRevision(existing, candidate)) {
          if (refs.some((r) => r.uid === owner.uid)) return { revision: existing, collisionCount };
          // Left behind by a set deleted with --cascade=orphan: this one takes it back, as upstream adopts revisions.
          if (!refs.some((r) => r.controller)) {
            const adopted = await this.client.patch(existing.metadata.namespace, existing.metadata.name!, [
              { op: 'test', path: '/metadata/resourceVersion', value: existing.metadata.resourceVersion },
              { op: 'add', path: '/metadata/ownerReferences', value: [...refs, owner] },
            ], JSON_PATCH);
            return { revision: adopted, collisionCount };
          }
        }
        collisionCount++;
      }
    }
  }

  async delete(revision: ControllerRevision): Promise<void> {
    await this.client.delete(revision.metadata.namespace, revision.metadata.name!, { preconditions: { uid: revision.metadata.uid } });
  }
}
