// One REST store for every kind (upstream's registry/generic shape): keys,
// metadata, preconditions, resourceVersion, selectors and watch live here;
// what differs per kind comes from its ResourceType's strategy.
import { randomBytes, randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import {
  CompactedError,
  ConflictError,
  FutureRevisionError,
  KeyExistsError,
  KeyNotFoundError,
  WatcherTooSlowError,
} from '../../storage/errors.js';
import type { KeyValue, Store, Watch, WatchEvent } from '../../storage/store.js';
import { recordUpdate } from '../fieldmanager.js';
import { SCHEMAS } from '../schema/index.js';
import { schemaNameOf } from '../schema/openapi.js';
import { parseFieldSelector, parseLabelSelector, type Selector } from '../selectors.js';
import { errors, fromStorageError, type StatusCause } from '../status.js';
import { apiVersionOf, type KubeObject, type ResourceType, type StoreHooks } from './types.js';
import { validateObjectMeta } from './validation.js';

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  /** Exact: read at resourceVersion; NotOlderThan (the default): the latest, which is at least that. */
  resourceVersionMatch?: string;
}

export interface ObjectList {
  items: KubeObject[];
  resourceVersion: string;
  continue?: string;
}

export interface WriteOptions {
  dryRun?: boolean;
  /** Who writes: the change is recorded in metadata.managedFields under this name. */
  fieldManager?: string;
}

export type PropagationPolicy = 'Orphan' | 'Background' | 'Foreground';

export interface DeleteOptions extends WriteOptions {
  preconditions?: { uid?: string; resourceVersion?: string };
  /** 0 forces removal now; unset lets the kind choose (a pod's terminationGracePeriodSeconds). */
  gracePeriodSeconds?: number;
  /** What becomes of the object's dependents (the garbage collector carries it out); unset: the kind's default. */
  propagationPolicy?: PropagationPolicy;
}

/** The finalizers through which the garbage collector orphans dependents or deletes them first. */
export const ORPHAN_FINALIZER = 'orphan';
export const FOREGROUND_FINALIZER = 'foregroundDeletion';

/**
 * metadata.finalizers after a deletion with `policy`, as upstream's store
 * sets them: Orphan and Foreground each put their finalizer in place of the
 * other's; without a policy a finalizer already there stands, else the
 * kind's default applies (Background for nearly every kind).
 */
function finalizersForPropagation(finalizers: string[], policy: PropagationPolicy | undefined, orphanByDefault: boolean): string[] {
  const chosen =
    policy ??
    (finalizers.includes(ORPHAN_FINALIZER) ? 'Orphan' : finalizers.includes(FOREGROUND_FINALIZER) ? 'Foreground' : orphanByDefault ? 'Orphan' : 'Background');
  const others = finalizers.filter((f) => f !== ORPHAN_FINALIZER && f !== FOREGROUND_FINALIZER);
  if (chosen === 'Orphan') return [...others, ORPHAN_FINALIZER];
  if (chosen === 'Foreground') return [...others, FOREGROUND_FINALIZER];
  return others;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

const MAX_UPDATE_ATTEMPTS = 100;

const CONTINUE_EXPIRED =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

/** RFC 3339 in UTC without fractions, as Kubernetes writes timestamps. */
export const timestamp = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

const MAX_GENERATED_PREFIX = 63 - 5;

/** The five random characters upstream appends to a generateName. */
function nameSuffix(): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  return Array.from(randomBytes(5), (b) => alphabet[b % alphabet.length]).join('');
}

/** What each subresource may change; everything else stays as stored. */
const SUBRESOURCE_UPDATES: Record<string, (obj: KubeObject, old: KubeObject) => KubeObject> = {
  // Annotations too, as upstream's status strategies allow: the deployment controller records revisions there without a spec change.
  status: (obj, old) => ({ ...old, metadata: { ...old.metadata, annotations: obj.metadata.annotations }, status: obj.status }),
  finalize: (obj, old) => ({
    ...old,
    spec: { ...(old.spec as object), finalizers: (obj.spec as { finalizers?: string[] } | undefined)?.finalizers },
  }),
};

export class GenericStore {
  constructor(
    readonly type: ResourceType,
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
    private readonly hooks?: StoreHooks,
  ) {}

  private get qualified() {
    return { group: this.type.group, resource: this.type.resource };
  }

  /** Upstream's etcd layout: /registry/<resource>/<namespace>/<name>, shared by versions stored as one. */
  private prefix(namespace?: string): string {
    const stored = this.type.storedAs?.type ?? this.type;
    const base = `/registry/${stored.group ? `${stored.group}/` : ''}${stored.resource}/`;
    return this.type.namespaced && namespace ? `${base}${namespace}/` : base;
  }

  private key(namespace: string | undefined, name: string): string {
    return this.prefix(namespace) + name;
  }

  private decode(kv: KeyValue): KubeObject {
    const stored = JSON.parse(kv.value.toString('utf8')) as KubeObject;
    const obj = this.type.storedAs ? this.type.storedAs.fromStored(stored) : stored;
    obj.metadata.resourceVersion = String(kv.modRevision);
    return obj;
  }

  /** Objects are stored without their resourceVersion: the revision is the version. */
  private encode(obj: KubeObject): Buffer {
    const stored = this.type.storedAs ? this.type.storedAs.toStored(obj) : obj;
    const { resourceVersion: _, ...metadata } = stored.metadata;
    return Buffer.from(JSON.stringify({ ...stored, metadata }));
  }

  private invalid(name: string, causes: StatusCause[]) {
    return errors.invalid(this.type.kind, this.type.group, name, causes);
  }

  /** Creates an object; `obj` becomes the store's (it is defaulted in place), so callers hand over one they no longer use. */
  async create(namespace: string | undefined, obj: KubeObject, options: WriteOptions = {}): Promise<KubeObject> {
    obj.apiVersion = apiVersionOf(this.type);
    obj.kind = this.type.kind;
    const meta = (obj.metadata ??= {});
    if (this.type.namespaced) {
      if (meta.namespace && namespace && meta.namespace !== namespace) {
        throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      meta.namespace = namespace ?? meta.namespace;
    } else {
      delete meta.namespace;
    }
    // As upstream's name generator: the prefix is cut so that with the suffix the name stays within 63 characters.
    if (!meta.name && meta.generateName) meta.name = meta.generateName.slice(0, MAX_GENERATED_PREFIX) + nameSuffix();
    meta.uid = randomUUID();
    meta.creationTimestamp = timestamp(this.now());
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    this.type.strategy.prepareForCreate?.(obj);
    this.type.strategy.defaults?.(obj);
    if (this.type.strategy.generationOf) meta.generation = 1;
    else delete meta.generation;
    if (options.fieldManager) meta.managedFields = this.ownership(undefined, obj, options.fieldManager);
    const causes = [...validateObjectMeta(meta, this.type), ...this.type.strategy.validate(obj), ...(this.type.strategy.validateCreate?.(obj) ?? [])];
    if (causes.length) throw this.invalid(meta.name ?? '', causes);
    if (options.dryRun) {
      if (await this.store.get(this.key(meta.namespace, meta.name!))) throw errors.alreadyExists(this.qualified, meta.name!);
      await this.hooks?.reserve(obj, undefined, true);
      return obj;
    }
    const reservation = await this.hooks?.reserve(obj, undefined);
    try {
      return this.decode(await this.store.create(this.key(meta.namespace, meta.name!), this.encode(obj)));
    } catch (err) {
      await reservation?.abort();
      if (err instanceof KeyExistsError) throw errors.alreadyExists(this.qualified, meta.name!);
      throw fromStorageError(err);
    }
  }

  async get(namespace: string | undefined, name: string): Promise<KubeObject> {
    return this.decode(await this.read(namespace, name));
  }

  private async read(namespace: string | undefined, name: string): Promise<KeyValue> {
    const kv = await this.store.get(this.key(namespace, name)).catch((err) => {
      throw fromStorageError(err);
    });
    if (!kv) throw errors.notFound(this.qualified, name);
    return kv;
  }

  async list(namespace: string | undefined, options: ListOptions = {}): Promise<ObjectList> {
    const labels = parseLabelSelector(options.labelSelector ?? '');
    const fields = this.fieldSelector(options.fieldSelector);
    const asked = options.resourceVersion && options.resourceVersion !== '0' ? Number(options.resourceVersion) : undefined;
    if (asked !== undefined && !Number.isSafeInteger(asked)) {
      throw errors.badRequest(`invalid resource version: ${options.resourceVersion}`);
    }
    try {
      if (asked !== undefined && options.resourceVersionMatch !== 'Exact') {
        // "Not older than": the latest state answers, unless the client is ahead of the server.
        const current = await this.store.currentRevision();
        if (asked > current) throw new FutureRevisionError(asked, current);
      }
      const page = await this.store.list(this.prefix(namespace), {
        limit: options.limit,
        continue: options.continue,
        revision: options.resourceVersionMatch === 'Exact' ? asked : undefined,
      });
      return {
        items: page.items.map((kv) => this.decode(kv)).filter((obj) => this.matches(obj, labels, fields)),
        resourceVersion: String(page.revision),
        ...(page.continue ? { continue: page.continue } : {}),
      };
    } catch (err) {
      if (err instanceof CompactedError) throw errors.gone(options.continue ? CONTINUE_EXPIRED : 'The resourceVersion for the provided list is too old.');
      throw fromStorageError(err);
    }
  }

  /**
   * Replaces an object, with a new version or a function of the current one
   * (a patch). With `metadata.resourceVersion` set, only if it is still
   * current (409 Conflict otherwise); without, it retries on the newest
   * version when another write lands in between (upstream's GuaranteedUpdate). `subresource` "status" changes only the
   * status; the main resource keeps the old status.
   */
  async update(
    namespace: string | undefined,
    name: string,
    next: KubeObject | ((current: KubeObject) => KubeObject),
    options: WriteOptions & { subresource?: string } = {},
  ): Promise<KubeObject> {
    return this.guaranteedUpdate(namespace, name, options, (old, copy) => {
      // A function (a patch) is applied to a copy of the current version, again after every lost race.
      const body = typeof next === 'function' ? next(copy()) : next;
      const pinned = body.metadata?.resourceVersion ? Number(body.metadata.resourceVersion) : undefined;
      return { object: this.prepareUpdate(old, body, name, options.subresource), pinned };
    }, Boolean(this.hooks && !options.subresource));
  }

  /**
   * A change only the server makes (binding a pod to a node): no strategy,
   * no validation, retried on the newest version when another write lands first.
   */
  async mutate(namespace: string | undefined, name: string, change: (current: KubeObject) => KubeObject, options: WriteOptions = {}): Promise<KubeObject> {
    return this.guaranteedUpdate(namespace, name, options, (_, copy) => ({ object: change(copy()) }));
  }

  /**
   * Reads, computes the next version, and writes it if nothing changed
   * meanwhile; `pinned` demands a version. `copy` gives another decoding of
   * the current version to change (cheaper than cloning it).
   */
  private async guaranteedUpdate(
    namespace: string | undefined,
    name: string,
    options: WriteOptions & { subresource?: string },
    next: (old: KubeObject, copy: () => KubeObject) => { object: KubeObject; pinned?: number },
    reserve = false,
  ): Promise<KubeObject> {
    for (let attempt = 1; ; attempt++) {
      const kv = await this.read(namespace, name);
      const old = this.decode(kv);
      const { object: merged, pinned } = next(old, () => this.decode(kv));
      if (options.fieldManager) merged.metadata.managedFields = this.ownership(old, merged, options.fieldManager, options.subresource);
      const reservation = reserve ? await this.hooks?.reserve(merged, old, options.dryRun) : undefined;
      if (options.dryRun) return { ...merged, metadata: { ...merged.metadata, resourceVersion: old.metadata.resourceVersion } };
      const key = this.key(namespace, name);
      try {
        const updated = await this.store.update(key, this.encode(merged), pinned ?? Number(old.metadata.resourceVersion)).catch(async (err) => {
          await reservation?.abort();
          throw err;
        });
        await reservation?.commit();
        // The last finalizer of an object whose grace period is over is gone: now it goes (a pod still terminating waits for its kubelet).
        if (this.isDue(merged)) return await this.remove(key, updated.modRevision);
        return this.decode(updated);
      } catch (err) {
        // Each retry reads anew, so races end; the bound only guards against a writer that never yields.
        if (err instanceof ConflictError && pinned === undefined && attempt < MAX_UPDATE_ATTEMPTS) continue;
        throw this.writeError(err, name);
      }
    }
  }

  /** managedFields after `manager` wrote `next` over `old` (undefined: a create). */
  private ownership(old: KubeObject | undefined, next: KubeObject, manager: string, subresource?: string): unknown[] {
    return recordUpdate(old, next, manager, schemaNameOf(this.type), apiVersionOf(this.type), timestamp(this.now()), SCHEMAS, subresource);
  }

  /** The object an update would store: what the client may change, defaulted and validated (`obj` is changed in place). */
  private prepareUpdate(old: KubeObject, obj: KubeObject, name: string, subresource: string | undefined): KubeObject {
    obj.apiVersion = apiVersionOf(this.type);
    obj.kind = this.type.kind;
    const meta = (obj.metadata ??= {});
    if (meta.name !== undefined && meta.name !== name) {
      throw errors.badRequest(`the name of the object (${meta.name}) does not match the name on the URL (${name})`);
    }
    if (this.type.namespaced && meta.namespace !== undefined && meta.namespace !== old.metadata.namespace) {
      throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
    const subresourceUpdate = subresource ? SUBRESOURCE_UPDATES[subresource] : undefined;
    const merged: KubeObject = subresourceUpdate
      ? subresourceUpdate(obj, old)
      : { ...obj, metadata: { ...meta, name, namespace: old.metadata.namespace, managedFields: meta.managedFields ?? old.metadata.managedFields } };
    // What clients may not change; metadata.generation is the server's count of spec changes.
    for (const k of ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation'] as const) {
      (merged.metadata as Record<string, unknown>)[k] = old.metadata[k];
    }
    if (!subresourceUpdate) {
      this.type.strategy.prepareForUpdate?.(merged, old);
      this.type.strategy.defaults?.(merged);
      const desired = this.type.strategy.generationOf;
      if (desired && !isDeepStrictEqual(desired(merged), desired(old))) merged.metadata.generation = (old.metadata.generation ?? 0) + 1;
    }
    const causes = [
      ...validateObjectMeta(merged.metadata, this.type),
      ...this.type.strategy.validate(merged),
      ...(this.type.strategy.validateUpdate?.(merged, old) ?? []),
    ];
    if (causes.length) throw this.invalid(name, causes);
    return merged;
  }

  /**
   * Deletes an object, or marks it for deletion while finalizers or its kind
   * hold it back. Without a resourceVersion precondition, a write landing in
   * between is no reason to fail: it retries on the new version.
   */
  async delete(namespace: string | undefined, name: string, options: DeleteOptions = {}): Promise<KubeObject> {
    const pre = options.preconditions;
    for (;;) {
      const current = await this.get(namespace, name);
      if (pre?.uid && pre.uid !== current.metadata.uid) {
        throw errors.conflict(
          this.qualified,
          name,
          `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid}`,
        );
      }
      if (pre?.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion) {
        throw errors.conflict(
          this.qualified,
          name,
          `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`,
        );
      }
      if (options.dryRun) return current;
      try {
        return await this.deleteOrMark(namespace, name, current, options);
      } catch (err) {
        if (err instanceof ConflictError && !pre?.resourceVersion) continue;
        throw this.writeError(err, name);
      }
    }
  }

  private async deleteOrMark(namespace: string | undefined, name: string, current: KubeObject, options: DeleteOptions): Promise<KubeObject> {
    const key = this.key(namespace, name);
    const revision = Number(current.metadata.resourceVersion);
    const grace = options.gracePeriodSeconds;
    const finalizers = finalizersForPropagation(current.metadata.finalizers ?? [], options.propagationPolicy, this.type.strategy.orphanDependentsByDefault ?? false);
    if (current.metadata.deletionTimestamp) {
      // Already going: a new propagation policy changes its finalizers, and a shorter grace period
      // (the kubelet's final grace-0 delete) moves its deadline, as upstream's BeforeDelete does.
      const shorter = grace !== undefined && grace < (current.metadata.deletionGracePeriodSeconds ?? 0);
      const changed: KubeObject = { ...current, metadata: { ...current.metadata, finalizers } };
      if (!finalizers.length) delete changed.metadata.finalizers;
      if (shorter) {
        changed.metadata.deletionGracePeriodSeconds = grace;
        changed.metadata.deletionTimestamp = timestamp(new Date(this.now().getTime() + grace * 1000));
      }
      const differs = shorter || !isDeepStrictEqual(finalizers, current.metadata.finalizers ?? []);
      if (this.isDue(changed) && (differs || grace === 0)) return this.remove(key, revision);
      if (!differs) return current;
      return this.decode(await this.store.update(key, this.encode(changed), revision));
    }
    const marked = structuredClone(current);
    if (finalizers.length) marked.metadata.finalizers = finalizers;
    else delete marked.metadata.finalizers;
    const waits = this.type.strategy.beginDeletion?.(marked, grace) || !this.mayGo(marked);
    if (!waits) return this.remove(key, revision);
    // Upstream's deletionTimestamp is when the grace period ends; kinds that count generations count this too.
    const seconds = (marked.metadata.deletionGracePeriodSeconds ??= 0);
    if (marked.metadata.generation) marked.metadata.generation++;
    marked.metadata.deletionTimestamp = timestamp(new Date(this.now().getTime() + seconds * 1000));
    return this.decode(await this.store.update(key, this.encode(marked), revision));
  }

  /** Deletes the key, then gives back what the object held (a crash in between leaves that to the hooks' repair). */
  private async remove(key: string, revision: number): Promise<KubeObject> {
    const gone = this.decode(await this.store.delete(key, revision));
    await this.hooks?.release(gone);
    return gone;
  }

  private writeError(err: unknown, name: string) {
    if (err instanceof ConflictError) {
      return errors.conflict(this.qualified, name, 'the object has been modified; please apply your changes to the latest version and try again');
    }
    if (err instanceof KeyNotFoundError) return errors.notFound(this.qualified, name);
    return fromStorageError(err);
  }

  /** Marked for deletion with no grace period left, and nothing holds it back. */
  private isDue(obj: KubeObject): boolean {
    return Boolean(obj.metadata.deletionTimestamp) && !obj.metadata.deletionGracePeriodSeconds && this.mayGo(obj);
  }

  /** No finalizer, and nothing the kind waits for, holds the object back. */
  private mayGo(obj: KubeObject): boolean {
    return !obj.metadata.finalizers?.length && (this.type.strategy.readyToDelete?.(obj) ?? true);
  }

  /** Watch events for the namespace (or all), after `resourceVersion` (from now when unset or "0"). */
  /**
   * Watch events for the namespace (or all), after `resourceVersion`. Without
   * one (or with "0") the watch starts, as upstream's does, with an ADDED
   * event for every object that exists now.
   */
  watch(namespace: string | undefined, options: ListOptions & { allowBookmarks?: boolean }) {
    const labels = parseLabelSelector(options.labelSelector ?? '');
    const fields = this.fieldSelector(options.fieldSelector);
    const rv = options.resourceVersion && options.resourceVersion !== '0' ? Number(options.resourceVersion) : undefined;
    if (rv !== undefined && !Number.isSafeInteger(rv)) throw errors.badRequest(`invalid resource version: ${options.resourceVersion}`);
    const prefix = this.prefix(namespace);
    const open = (afterRevision: number | undefined) =>
      this.store.watch({ key: prefix, prefix: true, afterRevision, progressNotify: options.allowBookmarks });
    // With a resourceVersion the watch opens now, so no event after it can be missed.
    let watch: Watch | undefined = rv !== undefined ? open(rv) : undefined;
    let closed = false;
    const self = this;
    return {
      close: () => {
        closed = true;
        watch?.close();
      },
      async *[Symbol.asyncIterator](): AsyncIterator<{ type: WatchEventType | 'BOOKMARK'; object: KubeObject }> {
        try {
          if (!watch) {
            const initial = await self.store.list(prefix);
            if (closed) return;
            watch = open(initial.revision);
            for (const kv of initial.items) {
              const obj = self.decode(kv);
              if (self.matches(obj, labels, fields)) yield { type: 'ADDED', object: obj };
            }
          }
          for await (const m of watch) {
            if (m.type === 'PROGRESS') {
              yield { type: 'BOOKMARK', object: self.bookmark(m.revision) };
              continue;
            }
            const event = self.filterEvent(m, labels, fields);
            if (event) yield event;
          }
        } catch (err) {
          // A watcher that fell behind is ended, not failed: the server closes the stream quietly.
          throw err instanceof WatcherTooSlowError ? err : fromStorageError(err);
        }
      },
    };
  }

  /** Upstream refuses field selectors on fields a kind does not index: a typo must not select everything. */
  private fieldSelector(text: string | undefined): Selector {
    const selector = parseFieldSelector(text ?? '');
    const supported = new Set(['metadata.name', ...(this.type.namespaced ? ['metadata.namespace'] : []), ...Object.keys(this.type.strategy.fields?.({ metadata: {} }) ?? {})]);
    const unsupported = selector.keys.find((k) => !supported.has(k));
    if (unsupported) throw errors.badRequest(`field label not supported: ${unsupported}`);
    return selector;
  }

  private bookmark(revision: number): KubeObject {
    return { apiVersion: apiVersionOf(this.type), kind: this.type.kind, metadata: { resourceVersion: String(revision) } };
  }

  /** A change that moves an object into or out of the selection shows as ADDED or DELETED, as upstream. */
  private filterEvent(
    e: WatchEvent,
    labels: Selector,
    fields: Selector,
  ): { type: WatchEventType; object: KubeObject } | undefined {
    const obj = this.decode(e.kv);
    const now = e.type !== 'DELETED' && this.matches(obj, labels, fields);
    const before = e.prevKv ? this.matches(this.decode(e.prevKv), labels, fields) : false;
    if (e.type === 'ADDED') return now ? { type: 'ADDED', object: obj } : undefined;
    if (e.type === 'DELETED') return before ? { type: 'DELETED', object: obj } : undefined;
    if (now && before) return { type: 'MODIFIED', object: obj };
    if (now) return { type: 'ADDED', object: obj };
    if (before) return { type: 'DELETED', object: obj };
    return undefined;
  }

  private matches(obj: KubeObject, labels: Selector, fields: Selector): boolean {
    if (!labels.matches(obj.metadata.labels ?? {})) return false;
    if (fields.empty) return true;
    const values: Record<string, string> = {
      'metadata.name': obj.metadata.name ?? '',
      ...(this.type.namespaced ? { 'metadata.namespace': obj.metadata.namespace ?? '' } : {}),
      ...(this.type.strategy.fields?.(obj) ?? {}),
    };
    return fields.matches(values);
  }
}
