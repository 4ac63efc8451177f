// LoadBalancer services as k3s's built-in service load balancer serves
// them: with no cloud to ask, every node is the load balancer, so a
// LoadBalancer service's status lists the nodes' addresses as its
// ingress (its node ports answer on each of them). Services with a
// loadBalancerClass belong to another implementation and are left alone.
import { isDeepStrictEqual } from 'node:util';
import type { Node } from '../apiserver/registry/core/types.js';
import type { KubeObject } from '../apiserver/registry/types.js';
import { isNotFound, NODES, SERVICES, type ApiClient, type ResourceClient } from '../client/client.js';
import { keyOf, type Informer } from '../client/informer.js';
import type { Informers } from '../client/informers.js';
import { Controller, type Reconciler } from './controller.js';

type Service = KubeObject & {
  spec?: { type?: string; loadBalancerClass?: string };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string; ipMode?: string }[] } };
};

/** The addresses a node is reached at, its InternalIP first (ExternalIP too, where it has one). */
function nodeAddresses(node: Node): string[] {
  const addresses = node.status?.addresses ?? [];
  return ['ExternalIP', 'InternalIP'].flatMap((type) => addresses.filter((a) => a.type === type).map((a) => a.address));
}

const isReady = (node: Node) => node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

export class ServiceLoadBalancerController implements Reconciler {
  readonly name = 'service-lb-controller';
  private readonly controller: Controller;
  private readonly services: Informer<Service>;
  private readonly nodes: Informer<Node>;
  private readonly client: ResourceClient<Service>;

  constructor(client: ApiClient, informers: Informers, log: (message: string) => void = () => {}) {
    this.client = client.resource<Service>(SERVICES);
    this.services = informers.for<Service>(SERVICES);
    this.nodes = informers.for<Node>(NODES);
    this.controller = new Controller(this, { onError: log });
    const enqueue = (svc: Service) => svc.spec?.type === 'LoadBalancer' && this.controller.enqueue(keyOf(svc));
    this.services.on({ add: enqueue, update: (_, svc) => enqueue(svc) });
    // Nodes joining, leaving or changing readiness change every LoadBalancer's ingress.
    const everyService = () => this.services.list().forEach(enqueue);
    this.nodes.on({ add: everyService, update: (old, node) => isReady(old) !== isReady(node) && everyService(), delete: everyService });
  }

  start(): void {
    this.controller.start();
  }

  async stop(): Promise<void> {
    await this.controller.stop();
  }

  async reconcile(key: string): Promise<void> {
    const svc = this.services.get(key);
    if (!svc || svc.spec?.type !== 'LoadBalancer' || svc.spec.loadBalancerClass) return;
    const ips = [...new Set(this.nodes.list().filter(isReady).flatMap(nodeAddresses))].sort();
    const ingress = ips.map((ip) => ({ ip, ipMode: 'VIP' }));
    if (isDeepStrictEqual(svc.status?.loadBalancer?.ingress ?? [], ingress)) return;
    await this.client
      .patch(svc.metadata.namespace, svc.metadata.name!, { metadata: { resourceVersion: svc.metadata.resourceVersion }, status: { loadBalancer: { ingress: ingress.length ? ingress : null } } }, undefined, 'status')
      .catch((err: unknown) => {
        if (!isNotFound(err)) throw err;
      });
  }
}
