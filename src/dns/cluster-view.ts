// The cluster as the DNS server sees it: Services, their EndpointSlices
// (by the kubernetes.io/service-name label, endpointslice-index.ts) and Namespaces, read from the
// shared informer caches, so an answer costs no API call.
import type { KubeObject } from '../apiserver/registry/types.js';
import { NAMESPACES, SERVICES } from '../client/client.js';
import { endpointSlicesByService } from '../client/endpointslice-index.js';
import type { Informer } from '../client/informer.js';
import type { Informers } from '../client/informers.js';
import type { ClusterView, EndpointView, ServiceView } from './records.js';

type Service = KubeObject & { spec?: { clusterIP?: string; type?: string; externalName?: string; ports?: ServiceView['ports'] } };

type EndpointSlice = KubeObject & {
  addressType?: string;
  endpoints?: { addresses?: string[]; hostname?: string; conditions?: { ready?: boolean } }[];
  ports?: { name?: string; port?: number; protocol?: string }[];
};


export class InformerClusterView implements ClusterView {
  private readonly services: Informer<Service>;
  private readonly slicesOf: (namespace: string, service: string) => EndpointSlice[];
  private readonly namespaces: Informer;

  constructor(informers: Informers) {
    this.services = informers.for<Service>(SERVICES);
    this.slicesOf = endpointSlicesByService<EndpointSlice>(informers);
    this.namespaces = informers.for(NAMESPACES);
  }

  service(namespace: string, name: string): ServiceView | undefined {
    const svc = this.services.get(`${namespace}/${name}`);
    if (!svc) return undefined;
    const spec = svc.spec ?? {};
    return { clusterIP: spec.clusterIP, type: spec.type, externalName: spec.externalName, ports: spec.ports ?? [] };
  }

  endpoints(namespace: string, service: string): EndpointView[] {
    return this.slicesOf(namespace, service)
      .filter((s) => s.addressType === 'IPv4')
      .flatMap((s) =>
        (s.endpoints ?? []).map((e) => ({
          addresses: e.addresses ?? [],
          hostname: e.hostname,
          // A missing ready condition means ready, as upstream reads it.
          ready: e.conditions?.ready !== false,
          ports: (s.ports ?? []).filter((p) => p.port !== undefined).map((p) => ({ name: p.name, port: p.port!, protocol: p.protocol })),
        })),
      );
  }

  namespaceExists(namespace: string): boolean {
    return this.namespaces.get(namespace) !== undefined;
  }
}
