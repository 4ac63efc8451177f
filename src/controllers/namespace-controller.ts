// Empties a namespace that is being deleted: deletes every namespaced object
// in it, then removes the "kubernetes" finalizer so the API server removes
// the namespace itself. Level-triggered: reconcile(name) looks at what is
// there now and takes the next step; a watch on namespaces only says when
// to look. (The shared informer and work-queue machinery of the scheduler
// issue will replace the small queue here.)
import type { GenericStore } from '../apiserver/registry/generic-store.js';
import type { Resources } from '../apiserver/resources.js';

const RETRY_MS = 1000;

export class NamespaceController {
  private readonly pending = new Set<string>();
  private running = false;
  private stopped = false;
  private watch: { close(): void } | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly resources: Resources,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  private get namespaces(): GenericStore {
    return this.resources.find('', 'v1', 'namespaces')!;
  }

  /** Lists and watches namespaces until stopped; a watch that ends is opened again after a relist. */
  start(): void {
    void (async () => {
      while (!this.stopped) {
        try {
          const list = await this.namespaces.list(undefined);
          for (const ns of list.items) if (ns.metadata.deletionTimestamp) this.enqueue(ns.metadata.name!);
          if (this.stopped) return;
          const watch = this.namespaces.watch(undefined, { resourceVersion: list.resourceVersion });
          this.watch = watch;
          for await (const e of watch) {
            if (e.type !== 'DELETED' && e.object.metadata.deletionTimestamp) this.enqueue(e.object.metadata.name!);
          }
        } catch (err) {
          if (!this.stopped) this.onError(err);
        }
        if (!this.stopped) await new Promise<void>((resolve) => this.later(resolve));
      }
    })();
  }

  stop(): void {
    this.stopped = true;
    this.watch?.close();
    for (const t of this.timers) clearTimeout(t);
  }

  private enqueue(name: string): void {
    if (this.stopped) return;
    this.pending.add(name);
    void this.drain();
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.pending.size && !this.stopped) {
        const [name] = this.pending;
        this.pending.delete(name!);
        try {
          if (!(await this.reconcile(name!))) this.retryLater(name!);
        } catch (err) {
          this.onError(err);
          this.retryLater(name!);
        }
      }
    } finally {
      this.running = false;
    }
  }

  private retryLater(name: string): void {
    this.later(() => this.enqueue(name));
  }

  /** Runs `fn` after the retry delay, unless the controller stops first. */
  private later(fn: () => void): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, RETRY_MS);
    this.timers.add(timer);
  }

  /** One step towards a deleted namespace; false when something is still in it. */
  async reconcile(name: string): Promise<boolean> {
    const ns = await this.namespaces.get(undefined, name).catch(() => undefined);
    if (!ns?.metadata.deletionTimestamp) return true;
    const namespaced = this.resources.types
      .filter((t) => t.namespaced)
      .map((t) => this.resources.find(t.group, t.version, t.resource)!);
    for (const store of namespaced) {
      for (const obj of (await store.list(name)).items) {
        await store.delete(name, obj.metadata.name!).catch((err: { reason?: string }) => {
          if (err.reason !== 'NotFound') throw err;
        });
      }
    }
    // Some deletions wait (finalizers, graceful pods): look again later until nothing is left.
    for (const store of namespaced) if ((await store.list(name, { limit: 1 })).items.length) return false;
    const spec = (ns.spec ?? {}) as { finalizers?: string[] };
    await this.namespaces.update(undefined, name, { ...ns, spec: { ...spec, finalizers: (spec.finalizers ?? []).filter((f) => f !== 'kubernetes') } }, { subresource: 'finalize' });
    return true;
  }
}
