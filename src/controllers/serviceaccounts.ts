// Keeps a `default` ServiceAccount in every namespace that is not being
// deleted, as kube-controller-manager's service account controller does:
// made when the namespace appears, made again if someone deletes it.
import type { KubeObject } from '../apiserver/registry/types.js';
import { isAlreadyExists, NAMESPACES, SERVICEACCOUNTS, type ApiClient, type ResourceClient } from '../client/client.js';
import type { Informer } from '../client/informer.js';
import type { Informers } from '../client/informers.js';
import { Controller, type Reconciler } from './controller.js';

const DEFAULT = 'default';

type Namespace = KubeObject & { status?: { phase?: string } };

export class ServiceAccountsController implements Reconciler {
  readonly name = 'serviceaccount-controller';
  private readonly controller: Controller;
  private readonly namespaces: Informer<Namespace>;
  private readonly accounts: Informer;
  private readonly client: ResourceClient;

  constructor(client: ApiClient, informers: Informers, log: (message: string) => void = () => {}) {
    this.client = client.resource(SERVICEACCOUNTS);
    this.namespaces = informers.for<Namespace>(NAMESPACES);
    this.accounts = informers.for(SERVICEACCOUNTS);
    this.controller = new Controller(this, { onError: log });
    this.namespaces.on({ add: (ns) => this.controller.enqueue(ns.metadata.name!), update: (_, ns) => this.controller.enqueue(ns.metadata.name!) });
    this.accounts.on({ delete: (sa) => sa.metadata.name === DEFAULT && this.controller.enqueue(sa.metadata.namespace!) });
  }

  start(): void {
    this.controller.start();
  }

  async stop(): Promise<void> {
    await this.controller.stop();
  }

  async reconcile(namespace: string): Promise<void> {
    const ns = this.namespaces.get(namespace);
    if (!ns || ns.metadata.deletionTimestamp || ns.status?.phase === 'Terminating') return;
    if (this.accounts.get(`${namespace}/${DEFAULT}`)) return;
    await this.client.create(namespace, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: DEFAULT, namespace } }).catch((err: unknown) => {
      if (!isAlreadyExists(err)) throw err;
    });
  }
}
