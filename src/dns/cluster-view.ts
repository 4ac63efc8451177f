// The cluster as the DNS server sees it: Services, their EndpointSlices
// (by the kubernetes.io/service-name label) and Namespaces, read from the
// shared informer caches, so an answer costs no API call.
import type { KubeObject } from '../apiserver/registry/types.js';
import { ENDPOINTSLICES, NAMESPACES, SERVICES } from '../client/client.js';
import type { Informer } from '../client/informer.js';
import type { Informers } from '../client/informers.js';
import type { ClusterView, EndpointView, ServiceView } from './records.js';

type Service = KubeObject & { spec?: { clusterIP?: string; type?: string; externalName?: string; ports?: ServiceView['ports'] } };

type EndpointSlice = KubeObject & {
  addressType?: string;
  endpoints?: { addresses?: string[]; hostname?: string; conditions?: { ready?: boolean } }[];
  ports?: { name?: string; port?: number; protocol?: string }[];
};

const SERVICE_NAME = 'kubernetes.io/service-name';
const BY_SERVICE = 'by-service';

export class InformerClusterView implements ClusterView {
  private readonly services: Informer<Service>;
  private readonly slices: Informer<EndpointSlice>;
  private readonly namespaces: Informer;

  constructor(informers: Informers) {
    this.services = informers.for<Service>(SERVICES);
    this.slices = informers.for<EndpointSlice>(ENDPOINTSLICES);
    this.namespaces = informers.for(NAMESPACES);
    if (!this.slices.hasIndex(BY_SERVICE)) {
      this.slices.addIndex(BY_SERVICE, (s) => {
        const service = s.metadata.labels?.[SERVICE_NAME];
        return service ? [`${s.metadata.namespace}/${service}`] : [];
      });
    }
  }

  service(namespace: string, name: string): ServiceView | undefined {
    const svc = this.services.get(`${namespace}/${name}`);
    if (!svc) return undefined;
    const spec = svc.spec ?? {};
    return { clusterIP: spec.clusterIP, type: spec.type, externalName: spec.externalName, ports: spec.ports ?? [] };
  }

  endpoints(namespace: string, service: string): EndpointView[] {
    return this.slices
      .byIndex(BY_SERVICE, `${namespace}/${service}`)
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
