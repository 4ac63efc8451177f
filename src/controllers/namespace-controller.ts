// Empties a namespace that is being deleted: deletes every namespaced
// object in it (every kind discovery lists), then removes the "kubernetes"
// finalizer through namespaces/NAME/finalize so the API server removes the
// namespace itself. Level-triggered: reconcile(name) looks at what is there
// now and takes the next step, looking again a second later while
// something is still going (finalizers, pods on their way out).
import type { KubeObject } from '../apiserver/registry/types.js';
import { isNotFound, NAMESPACES, ref, type ApiClient, type ResourceRef } from '../client/client.js';
import type { Informer } from '../client/informer.js';
import type { Informers } from '../client/informers.js';
import { Controller, type Reconciler } from './controller.js';

const RECHECK_MS = 1000;

interface ResourceList {
  groupVersion: string;
  resources: { name: string; namespaced: boolean; verbs: string[] }[];
}

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

  /** Every namespaced kind that can be listed and deleted, as discovery describes them. */
  private async namespacedResources(): Promise<ResourceRef[]> {
    const get = (path: string) => this.client.transport.request({ method: 'GET', path });
    const groups = (await get('/apis')) as { groups: { preferredVersion: { groupVersion: string } }[] };
    const lists = (await Promise.all([get('/api/v1'), ...groups.groups.map((g) => get(`/apis/${g.preferredVersion.groupVersion}`))])) as ResourceList[];
    return lists.flatMap((list) => {
      const [group, version] = list.groupVersion.includes('/') ? list.groupVersion.split('/') : ['', list.groupVersion];
      return list.resources
        .filter((r) => r.namespaced && !r.name.includes('/') && r.verbs.includes('list') && r.verbs.includes('delete'))
        .map((r) => ref(group!, version!, r.name, true));
    });
  }

  async reconcile(name: string): Promise<number | void> {
    const ns = await this.client.resource<Namespace>(NAMESPACES).find(undefined, name);
    if (!ns?.metadata.deletionTimestamp) return;
    let remaining = 0;
    for (const target of await this.namespacedResources()) {
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
