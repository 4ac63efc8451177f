// A shared informer as client-go has it: it lists a resource, then watches
// from the list's resourceVersion, keeping an indexed in-memory copy that
// every component in the process reads instead of asking the API. A watch
// that ends is resumed from the last version seen; one whose version was
// compacted away (410) starts over with a fresh list, and the differences
// are delivered as events. Handlers run synchronously and must be cheap
// (enqueue a key); objects in the cache are shared and must not be mutated.
// Cached objects lose metadata.managedFields, as upstream's scheduler and
// controllers trim them: nobody reads them there, and they are a third of
// a pod's size.
import type { KubeObject } from '../apiserver/registry/types.js';
import { ApiError } from '../apiserver/status.js';
import type { ResourceClient } from './client.js';
import type { WatchStream } from './transport.js';

export interface EventHandlers<T> {
  add?(obj: T): void;
  update?(old: T, obj: T): void;
  delete?(obj: T): void;
}

export interface InformerOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Every so often each cached object is delivered again as an update (0: never). */
  resyncMs?: number;
  onError?: (message: string) => void;
}

/** namespace/name, or name for cluster-scoped objects: the key controllers work on. */
export const keyOf = (obj: KubeObject) => (obj.metadata.namespace ? `${obj.metadata.namespace}/${obj.metadata.name}` : obj.metadata.name!);

export function splitKey(key: string): { namespace: string | undefined; name: string } {
  const slash = key.indexOf('/');
  return slash < 0 ? { namespace: undefined, name: key } : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

const RETRY_MS = 1000;
const LIST_PAGE = 5000;

type IndexFn<T> = (obj: T) => string[];

export class Informer<T extends KubeObject = KubeObject> {
  private readonly items = new Map<string, T>();
  private readonly indexes = new Map<string, { fn: IndexFn<T>; entries: Map<string, Set<string>> }>();
  private readonly handlers: EventHandlers<T>[] = [];
  private resourceVersion = '';
  private watch: WatchStream | undefined;
  private stopped = false;
  private started = false;
  private resync: NodeJS.Timeout | undefined;
  private retry: NodeJS.Timeout | undefined;
  private markSynced!: () => void;
  /** Resolves once the first list is in the cache. */
  readonly synced = new Promise<void>((resolve) => (this.markSynced = resolve));

  constructor(
    private readonly resource: ResourceClient<T>,
    private readonly options: InformerOptions = {},
  ) {}

  /** Adds a secondary index: `fn` gives the values an object is found under. */
  addIndex(name: string, fn: IndexFn<T>): void {
    const entries = new Map<string, Set<string>>();
    this.indexes.set(name, { fn, entries });
    for (const [key, obj] of this.items) for (const value of fn(obj)) addTo(entries, value, key);
  }

  hasIndex(name: string): boolean {
    return this.indexes.has(name);
  }

  /** Handlers added after the start are first told of every object already cached. */
  on(handlers: EventHandlers<T>): void {
    this.handlers.push(handlers);
    for (const obj of this.items.values()) handlers.add?.(obj);
  }

  get(key: string): T | undefined {
    return this.items.get(key);
  }

  list(): T[] {
    return [...this.items.values()];
  }

  get size(): number {
    return this.items.size;
  }

  byIndex(name: string, value: string): T[] {
    const keys = this.indexes.get(name)?.entries.get(value);
    return keys ? [...keys].map((k) => this.items.get(k)!) : [];
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    void this.run();
    const resyncMs = this.options.resyncMs ?? 0;
    if (resyncMs > 0) {
      this.resync = setInterval(() => {
        for (const obj of this.items.values()) for (const h of this.handlers) h.update?.(obj, obj);
      }, resyncMs);
      this.resync.unref();
    }
  }

  stop(): void {
    this.stopped = true;
    this.watch?.close();
    clearInterval(this.resync);
    clearTimeout(this.retry);
  }

  private async run(): Promise<void> {
    let needList = true;
    while (!this.stopped) {
      try {
        if (needList) await this.relist();
        needList = false;
        await this.watchFromLast();
      } catch (err) {
        if (this.stopped) return;
        needList = true;
        // 410: our version was compacted away; a fresh list is the only way on. Anything else: wait a little first.
        if (!(err instanceof ApiError && err.code === 410)) {
          this.options.onError?.(`${this.resource.target.resource}: ${err instanceof Error ? err.message : String(err)}`);
          await new Promise<void>((resolve) => (this.retry = setTimeout(resolve, RETRY_MS)));
        }
      }
    }
  }

  private async relist(): Promise<void> {
    const fresh = new Map<string, T>();
    let token: string | undefined;
    let version = '';
    do {
      const page = await this.resource.list(this.options.namespace, {
        labelSelector: this.options.labelSelector,
        fieldSelector: this.options.fieldSelector,
        limit: LIST_PAGE,
        continue: token,
      });
      for (const obj of page.items) fresh.set(keyOf(obj), obj);
      token = page.metadata.continue || undefined;
      version = page.metadata.resourceVersion;
    } while (token);
    if (this.stopped) return;
    for (const [key, old] of this.items) if (!fresh.has(key)) this.remove(key, old);
    for (const obj of fresh.values()) this.upsert(obj);
    this.resourceVersion = version;
    this.markSynced();
  }

  /** Watches until the stream ends; events move resourceVersion on, so the next watch resumes there. */
  private async watchFromLast(): Promise<void> {
    const watch = this.resource.watch(this.options.namespace, {
      labelSelector: this.options.labelSelector,
      fieldSelector: this.options.fieldSelector,
      resourceVersion: this.resourceVersion,
      allowWatchBookmarks: true,
    });
    this.watch = watch;
    if (this.stopped) watch.close();
    for await (const event of watch) {
      if (event.type === 'ERROR') throw statusError(event.object);
      if (event.type === 'DELETED') this.remove(keyOf(event.object), event.object as T);
      else if (event.type !== 'BOOKMARK') this.upsert(event.object as T);
      this.resourceVersion = event.object.metadata.resourceVersion ?? this.resourceVersion;
    }
  }

  private upsert(obj: T): void {
    obj.metadata.managedFields = undefined;
    const key = keyOf(obj);
    const old = this.items.get(key);
    if (old && old.metadata.resourceVersion === obj.metadata.resourceVersion) return;
    if (old) this.unindex(key, old);
    this.items.set(key, obj);
    for (const { fn, entries } of this.indexes.values()) for (const value of fn(obj)) addTo(entries, value, key);
    for (const h of this.handlers) {
      if (old) h.update?.(old, obj);
      else h.add?.(obj);
    }
  }

  private remove(key: string, last: T): void {
    const old = this.items.get(key);
    if (!old) return;
    this.unindex(key, old);
    this.items.delete(key);
    for (const h of this.handlers) h.delete?.(last);
  }

  private unindex(key: string, obj: T): void {
    for (const { fn, entries } of this.indexes.values()) {
      for (const value of fn(obj)) {
        const keys = entries.get(value);
        keys?.delete(key);
        if (keys?.size === 0) entries.delete(value);
      }
    }
  }
}

function addTo(entries: Map<string, Set<string>>, value: string, key: string): void {
  let keys = entries.get(value);
  if (!keys) entries.set(value, (keys = new Set()));
  keys.add(key);
}

/** An ERROR watch event carries a Status; 410 among them means "list again". */
function statusError(status: KubeObject): ApiError {
  const s = status as unknown as { code?: number; reason?: ApiError['reason']; message?: string };
  return new ApiError(s.code ?? 500, s.reason ?? 'InternalError', s.message ?? 'watch failed');
}
