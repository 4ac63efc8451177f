// One REST store for every kind (upstream's registry/generic shape): keys,
// metadata, preconditions, resourceVersion, selectors and watch live here;
// what differs per kind comes from its ResourceType's strategy.
import { randomBytes, randomUUID } from 'node:crypto';
import { CompactedError, ConflictError, FutureRevisionError, KeyExistsError, KeyNotFoundError } from '../../storage/errors.js';
import type { KeyValue, Store, WatchEvent } from '../../storage/store.js';
import { parseFieldSelector, parseLabelSelector, type Selector } from '../selectors.js';
import { errors, fromStorageError, type StatusCause } from '../status.js';
import { apiVersionOf, type KubeObject, type ResourceType } from './types.js';
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
}

export interface DeleteOptions extends WriteOptions {
  preconditions?: { uid?: string; resourceVersion?: string };
  /** 0 forces removal now; unset lets the kind choose (a pod's terminationGracePeriodSeconds). */
  gracePeriodSeconds?: number;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

const CONTINUE_EXPIRED =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

/** RFC 3339 in UTC without fractions, as Kubernetes writes timestamps. */
export const timestamp = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The five random characters upstream appends to a generateName. */
function nameSuffix(): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  return Array.from(randomBytes(5), (b) => alphabet[b % alphabet.length]).join('');
}

/** What each subresource may change; everything else stays as stored. */
const SUBRESOURCE_UPDATES: Record<string, (obj: KubeObject, old: KubeObject) => KubeObject> = {
  status: (obj, old) => ({ ...old, status: obj.status }),
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
  ) {}

  private get qualified() {
    return { group: this.type.group, resource: this.type.resource };
  }

  /** Upstream's etcd layout: /registry/<resource>/<namespace>/<name>. */
  private prefix(namespace?: string): string {
    const base = `/registry/${this.type.group ? `${this.type.group}/` : ''}${this.type.resource}/`;
    return this.type.namespaced && namespace ? `${base}${namespace}/` : base;
  }

  private key(namespace: string | undefined, name: string): string {
    return this.prefix(namespace) + name;
  }

  private decode(kv: KeyValue): KubeObject {
    const obj = JSON.parse(kv.value.toString('utf8')) as KubeObject;
    obj.metadata.resourceVersion = String(kv.modRevision);
    return obj;
  }

  /** Objects are stored without their resourceVersion: the revision is the version. */
  private encode(obj: KubeObject): Buffer {
    const { resourceVersion: _, ...metadata } = obj.metadata;
    return Buffer.from(JSON.stringify({ ...obj, metadata }));
  }

  private invalid(name: string, causes: StatusCause[]) {
    return errors.invalid(this.type.kind, this.type.group, name, causes);
  }

  async create(namespace: string | undefined, body: KubeObject, options: WriteOptions = {}): Promise<KubeObject> {
    const obj = structuredClone(body);
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
    if (!meta.name && meta.generateName) meta.name = meta.generateName + nameSuffix();
    meta.uid = randomUUID();
    meta.creationTimestamp = timestamp(this.now());
    meta.generation = 1;
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    this.type.strategy.prepareForCreate?.(obj);
    this.type.strategy.defaults?.(obj);
    const causes = [...validateObjectMeta(meta, this.type), ...this.type.strategy.validate(obj)];
    if (causes.length) throw this.invalid(meta.name ?? '', causes);
    if (options.dryRun) {
      if (await this.store.get(this.key(meta.namespace, meta.name!))) throw errors.alreadyExists(this.qualified, meta.name!);
      return obj;
    }
    try {
      return this.decode(await this.store.create(this.key(meta.namespace, meta.name!), this.encode(obj)));
    } catch (err) {
      if (err instanceof KeyExistsError) throw errors.alreadyExists(this.qualified, meta.name!);
      throw fromStorageError(err);
    }
  }

  async get(namespace: string | undefined, name: string): Promise<KubeObject> {
    const kv = await this.store.get(this.key(namespace, name)).catch((err) => {
      throw fromStorageError(err);
    });
    if (!kv) throw errors.notFound(this.qualified, name);
    return this.decode(kv);
  }

  async list(namespace: string | undefined, options: ListOptions = {}): Promise<ObjectList> {
    const labels = parseLabelSelector(options.labelSelector ?? '');
    const fields = parseFieldSelector(options.fieldSelector ?? '');
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
   * Replaces an object. With `metadata.resourceVersion` set, only if it is
   * still current (409 Conflict otherwise). `subresource` "status" changes
   * only the status; the main resource keeps the old status.
   */
  async update(
    namespace: string | undefined,
    name: string,
    body: KubeObject,
    options: WriteOptions & { subresource?: string } = {},
  ): Promise<KubeObject> {
    const old = await this.get(namespace, name);
    const obj = structuredClone(body);
    obj.apiVersion = apiVersionOf(this.type);
    obj.kind = this.type.kind;
    const meta = (obj.metadata ??= {});
    if (meta.name !== undefined && meta.name !== name) {
      throw errors.badRequest(`the name of the object (${meta.name}) does not match the name on the URL (${name})`);
    }
    const expected = meta.resourceVersion ? Number(meta.resourceVersion) : undefined;
    const subresourceUpdate = options.subresource ? SUBRESOURCE_UPDATES[options.subresource] : undefined;
    const merged: KubeObject = subresourceUpdate
      ? subresourceUpdate(obj, old)
      : { ...obj, metadata: { ...meta, name, namespace: old.metadata.namespace } };
    // What clients may not change.
    for (const k of ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'generation'] as const) {
      (merged.metadata as Record<string, unknown>)[k] = old.metadata[k];
    }
    if (!subresourceUpdate) {
      this.type.strategy.prepareForUpdate?.(merged, old);
      this.type.strategy.defaults?.(merged);
    }
    const causes = [
      ...validateObjectMeta(merged.metadata, this.type),
      ...this.type.strategy.validate(merged),
      ...(this.type.strategy.validateUpdate?.(merged, old) ?? []),
    ];
    if (causes.length) throw this.invalid(name, causes);
    if (options.dryRun) return { ...merged, metadata: { ...merged.metadata, resourceVersion: old.metadata.resourceVersion } };
    try {
      // The last finalizer of an object being deleted is gone: this update is its deletion.
      if (merged.metadata.deletionTimestamp && this.mayGo(merged)) {
        return this.decode(await this.store.delete(this.key(namespace, name), expected ?? Number(old.metadata.resourceVersion)));
      }
      return this.decode(await this.store.update(this.key(namespace, name), this.encode(merged), expected));
    } catch (err) {
      if (err instanceof ConflictError) {
        throw errors.conflict(this.qualified, name, 'the object has been modified; please apply your changes to the latest version and try again');
      }
      if (err instanceof KeyNotFoundError) throw errors.notFound(this.qualified, name);
      throw fromStorageError(err);
    }
  }

  async delete(namespace: string | undefined, name: string, options: DeleteOptions = {}): Promise<KubeObject> {
    const current = await this.get(namespace, name);
    const pre = options.preconditions;
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
    const revision = Number(current.metadata.resourceVersion);
    try {
      if (current.metadata.deletionTimestamp) {
        // Already going: a forced deletion (grace period 0) removes it now, unless a finalizer holds it.
        if (options.gracePeriodSeconds !== 0 || !this.mayGo(current)) return current;
        return this.decode(await this.store.delete(this.key(namespace, name), revision));
      }
      const marked = structuredClone(current);
      const waits = this.type.strategy.beginDeletion?.(marked, options.gracePeriodSeconds) || !this.mayGo(marked);
      if (waits) {
        // Upstream's deletionTimestamp is when the grace period ends.
        const grace = (marked.metadata.deletionGracePeriodSeconds ??= 0);
        marked.metadata.deletionTimestamp = timestamp(new Date(this.now().getTime() + grace * 1000));
        return this.decode(await this.store.update(this.key(namespace, name), this.encode(marked), revision));
      }
      return this.decode(await this.store.delete(this.key(namespace, name), revision));
    } catch (err) {
      if (err instanceof ConflictError) {
        throw errors.conflict(this.qualified, name, 'the object has been modified; please apply your changes to the latest version and try again');
      }
      if (err instanceof KeyNotFoundError) throw errors.notFound(this.qualified, name);
      throw fromStorageError(err);
    }
  }

  /** No finalizer, and nothing the kind waits for, holds the object back. */
  private mayGo(obj: KubeObject): boolean {
    return !obj.metadata.finalizers?.length && (this.type.strategy.readyToDelete?.(obj) ?? true);
  }

  /** Watch events for the namespace (or all), after `resourceVersion` (from now when unset or "0"). */
  watch(namespace: string | undefined, options: ListOptions & { allowBookmarks?: boolean }) {
    const labels = parseLabelSelector(options.labelSelector ?? '');
    const fields = parseFieldSelector(options.fieldSelector ?? '');
    const rv = options.resourceVersion && options.resourceVersion !== '0' ? Number(options.resourceVersion) : undefined;
    if (rv !== undefined && !Number.isSafeInteger(rv)) throw errors.badRequest(`invalid resource version: ${options.resourceVersion}`);
    const watch = this.store.watch({ key: this.prefix(namespace), prefix: true, afterRevision: rv, progressNotify: options.allowBookmarks });
    const self = this;
    return {
      close: () => watch.close(),
      async *[Symbol.asyncIterator](): AsyncIterator<{ type: WatchEventType | 'BOOKMARK'; object: KubeObject }> {
        try {
          for await (const m of watch) {
            if (m.type === 'PROGRESS') {
              yield { type: 'BOOKMARK', object: self.bookmark(m.revision) };
              continue;
            }
            const event = self.filterEvent(m, labels, fields);
            if (event) yield event;
          }
        } catch (err) {
          throw fromStorageError(err);
        }
      },
    };
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
