// The kinds this API server serves, looked up by URL parts. Each kind is a
// ResourceType from registry/; the generic store serves all of them.
import type { Store } from '../storage/store.js';
import { controllerrevisions } from './registry/apps/controllerrevisions.js';
import { daemonsets } from './registry/apps/daemonsets.js';
import { deployments } from './registry/apps/deployments.js';
import { replicasets } from './registry/apps/replicasets.js';
import { statefulsets } from './registry/apps/statefulsets.js';
import { cronjobs } from './registry/batch/cronjobs.js';
import { jobs } from './registry/batch/jobs.js';
import { leases } from './registry/coordination/leases.js';
import { configmaps } from './registry/core/configmaps.js';
import { endpoints } from './registry/core/endpoints.js';
import { events } from './registry/core/events.js';
import { namespaces } from './registry/core/namespaces.js';
import { nodes } from './registry/core/nodes.js';
import { pods } from './registry/core/pods.js';
import { secrets } from './registry/core/secrets.js';
import { serviceaccounts } from './registry/core/serviceaccounts.js';
import { DEFAULT_SERVICE_RANGES, ServiceAllocator, type ServiceRanges } from './registry/core/service-allocator.js';
import { services } from './registry/core/services.js';
import { endpointslices } from './registry/discovery/endpointslices.js';
import { events as eventsV1 } from './registry/events/events.js';
import { GenericStore } from './registry/generic-store.js';
import type { ResourceType } from './registry/types.js';

export const RESOURCE_TYPES: ResourceType[] = [
  configmaps,
  endpoints,
  events,
  namespaces,
  nodes,
  pods,
  secrets,
  serviceaccounts,
  services,
  leases,
  eventsV1,
  endpointslices,
  controllerrevisions,
  daemonsets,
  deployments,
  replicasets,
  statefulsets,
  jobs,
  cronjobs,
];

export class Resources {
  private readonly stores = new Map<string, GenericStore>();
  private readonly serviceAllocator: ServiceAllocator;

  constructor(store: Store, types: ResourceType[] = RESOURCE_TYPES, serviceRanges: ServiceRanges = DEFAULT_SERVICE_RANGES) {
    this.serviceAllocator = new ServiceAllocator(store, serviceRanges);
    for (const t of types) {
      const hooks = t === services ? this.serviceAllocator : undefined;
      this.stores.set(`${t.group}/${t.version}/${t.resource}`, new GenericStore(t, store, undefined, hooks));
    }
  }

  find(group: string, version: string, resource: string): GenericStore | undefined {
    return this.stores.get(`${group}/${version}/${resource}`);
  }

  get types(): ResourceType[] {
    return [...this.stores.values()].map((s) => s.type);
  }

  /** The namespaces every cluster starts with. */
  async ensureDefaultNamespaces(): Promise<void> {
    const store = this.find('', 'v1', 'namespaces')!;
    for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
      await store.create(undefined, { metadata: { name } }).catch((err: { reason?: string }) => {
        if (err.reason !== 'AlreadyExists') throw err;
      });
    }
  }

  /** Drops allocation records no service holds (a crash between a delete and its release); before serving. */
  async repairServiceAllocations(): Promise<void> {
    const store = this.find('', 'v1', 'services');
    if (store) await this.serviceAllocator.repair((await store.list(undefined)).items);
  }

  /** The service range's first address, kept for the `kubernetes` service. */
  get kubernetesIP(): string {
    return this.serviceAllocator.kubernetesIP;
  }
}
