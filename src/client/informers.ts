// One informer per resource (and selector) for the whole process: the
// scheduler, the controllers and the simulated kubelets share their caches,
// so 30 000 pods are held and watched once, not once per component.
import type { KubeObject } from '../apiserver/registry/types.js';
import type { ApiClient, ResourceRef } from './client.js';
import { Informer, type InformerOptions } from './informer.js';

export class Informers {
  private readonly informers = new Map<string, Informer>();
  private started = false;

  constructor(
    private readonly client: ApiClient,
    private readonly onError?: (message: string) => void,
  ) {}

  for<T extends KubeObject = KubeObject>(target: ResourceRef, options: Omit<InformerOptions, 'onError'> = {}): Informer<T> {
    const id = [target.group, target.version, target.resource, options.namespace, options.labelSelector, options.fieldSelector].join('|');
    let informer = this.informers.get(id);
    if (!informer) {
      informer = new Informer(this.client.resource(target), { ...options, onError: this.onError });
      this.informers.set(id, informer);
      if (this.started) informer.start();
    }
    return informer as unknown as Informer<T>;
  }

  start(): void {
    this.started = true;
    for (const informer of this.informers.values()) informer.start();
  }

  /** Resolves once every informer made so far holds its first list. */
  async synced(): Promise<void> {
    await Promise.all([...this.informers.values()].map((i) => i.synced));
  }

  stop(): void {
    for (const informer of this.informers.values()) informer.stop();
  }
}
