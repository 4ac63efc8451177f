// Empties a namespace that is being deleted: deletes every namespaced
// object in it (every kind discovery lists), then removes the "kubernetes"
// finalizer through namespaces/NAME/finalize so the API server removes the
// namespace itself. Level-triggered: reconcile(name) looks at what is there
// now and takes the next step, looking again a second later while
// something is still going (finalizers, pods on their way out).
import type { KubeObject } from '../apiserver/registry/types.js';
import { isNotFound, NAMESPACES, type ApiClient } from '../client/client.js';
import { deletableResources } from '../client/discovery.js';
import type { Informer } from '../client/informer.js';
import type { Informers } from '../client/informers.js';
import { Controller, type Reconciler } from './controller.js';

const RECHECK_MS = 1000;

type Namespace = KubeObject & { spec?: { finalizers?: string[] } };

export class NamespaceController implements Reconciler {
  readonly name = 'namespace-controller';
  private readonly controller: Controller;
  private readonly namespaces: Informer<Namespace>;

  constructor(
    private readonly client: ApiClient,
    informers: Informers,
    log: (message: string) => void = () => {},
  ) {
    this.namespaces = informers.for<Namespace>(NAMESPACES);
    this.controller = new Controller(this, { onError: log });
    const enqueue = (ns: Namespace) => ns.metadata.deletionTimestamp && this.controller.enqueue(ns.metadata.name!);
    this.namespaces.on({ add: enqueue, update: (_, ns) => enqueue(ns) });
  }

  start(): void {
    this.controller.start();
  }

  async stop(): Promise<void> {
    await this.controller.stop();
  }

  async reconcile(name: string): Promise<number | void> {
    const ns = await this.client.resource<Namespace>(NAMESPACES).find(undefined, name);
    if (!ns?.metadata.deletionTimestamp) return;
    let remaining = 0;
    for (const target of (await deletableResources(this.client)).filter((r) => r.namespaced)) {
      const resource = this.client.resource(target);
      for (const obj of (await resource.list(name)).items) {
        remaining++;
        await resource.delete(name, obj.metadata.name!).catch((err: unknown) => {
          if (!isNotFound(err)) throw err;
        });
      }
    }
    // Some deletions wait (finalizers, graceful pods): look again until a pass finds nothing.
    if (remaining > 0) return RECHECK_MS;
    const finalizers = (ns.spec?.finalizers ?? []).filter((f) => f !== 'kubernetes');
    await this.client.resource<Namespace>(NAMESPACES).update(undefined, { ...ns, spec: { ...ns.spec, finalizers } }, 'finalize');
  }
}
