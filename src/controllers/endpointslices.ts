// The EndpointSlice controller: every Service with a selector has
// EndpointSlices labelled with its name and this controller's, owned by it
// (the garbage collector removes them with it), holding its pods as
// endpoints (endpointslice-plan.ts says which and how they are packed).
// A tracker remembers the versions this controller wrote: until the cache
// has them, a service is not planned again (a stale cache would make
// slices twice).
import { isDeepStrictEqual } from 'node:util';
import type { Pod } from '../apiserver/registry/core/types.js';
import { MANAGED_BY_LABEL, SERVICE_NAME_LABEL, type EndpointSlice } from '../apiserver/registry/discovery/endpointslices.js';
import type { KubeObject } from '../apiserver/registry/types.js';
import { ENDPOINTSLICES, isConflict, isNamespaceTerminating, isNotFound, PODS, SERVICES, type ApiClient, type ResourceClient } from '../client/client.js';
import { endpointSlicesByService } from '../client/endpointslice-index.js';
import type { EventRecorder } from '../client/events.js';
import { keyOf, type Informer } from '../client/informer.js';
import type { Informers } from '../client/informers.js';
import { Controller, type Reconciler } from './controller.js';
import { labelsFor } from './endpoints-subsets.js';
import { endpointGroups, planSlices } from './endpointslice-plan.js';
import { controllerOf, controllerRef } from './pod-control.js';
import { TriggerTimes } from './trigger-time.js';
import { hasManagedEndpoints, onServiceOrPodChange, indexByNamespace, podsOf, TRIGGER_TIME_ANNOTATION, type Service } from './service-pods.js';

const MANAGED_BY = 'endpointslice-controller.k8s.io';

/** How soon a service waiting for the cache to catch up is looked at again. */
const CACHE_WAIT_MS = 50;

/** How long a write may take to reach the cache; past that it is taken as seen (someone else may have deleted the slice since). */
const CACHE_LAG_LIMIT_MS = 5000;

/** The slices a service's reconcile wrote, by name: the resourceVersion written (null once deleted) and when. */
class WrittenSlices {
  private readonly written = new Map<string, Map<string, { version: string | null; at: number }>>();

  record(service: string, name: string, version: string | null): void {
    let slices = this.written.get(service);
    if (!slices) this.written.set(service, (slices = new Map()));
    slices.set(name, { version, at: Date.now() });
  }

  forget(service: string): void {
    this.written.delete(service);
  }

  /** Whether the cache still lacks some write; what it has caught up with is forgotten. */
  behind(service: string, cached: EndpointSlice[]): boolean {
    const slices = this.written.get(service);
    if (!slices) return false;
    for (const [name, { version, at }] of slices) {
      const seen = cached.find((s) => s.metadata.name === name)?.metadata.resourceVersion;
      const caughtUp = version === null ? seen === undefined : seen !== undefined && BigInt(seen) >= BigInt(version);
      if (caughtUp || Date.now() - at > CACHE_LAG_LIMIT_MS) slices.delete(name);
    }
    if (!slices.size) this.written.delete(service);
    return slices.size > 0;
  }
}

export class EndpointSliceController implements Reconciler {
  readonly name = 'endpointslice-controller';
  private readonly controller: Controller;
  private readonly services: Informer<Service>;
  private readonly pods: Informer<Pod>;
  private readonly slices: Informer<EndpointSlice>;
  /** Every slice of a service (the index readers of slices share); ours are picked from them. */
  private readonly slicesOf: (namespace: string, service: string) => EndpointSlice[];
  private readonly client: ResourceClient<EndpointSlice>;
  private readonly written = new WrittenSlices();
  private readonly triggerTimes = new TriggerTimes();

  constructor(
    client: ApiClient,
    informers: Informers,
    private readonly recorder: EventRecorder,
    log: (message: string) => void = () => {},
  ) {
    this.client = client.resource<EndpointSlice>(ENDPOINTSLICES);
    this.services = informers.for<Service>(SERVICES);
    this.pods = informers.for<Pod>(PODS);
    this.slices = informers.for<EndpointSlice>(ENDPOINTSLICES);
    indexByNamespace(this.services);
    indexByNamespace(this.pods);
    this.slicesOf = endpointSlicesByService<EndpointSlice>(informers);
    this.controller = new Controller(this, { workers: 2, onError: log });
    const enqueue = (obj: KubeObject) => this.controller.enqueue(keyOf(obj));
    onServiceOrPodChange(this.services, this.pods, enqueue);
    // Our slices changed or deleted by anyone (or arriving in the cache after our own write) bring their service back.
    const sliceChanged = (s: EndpointSlice) => {
      const service = s.metadata.labels?.[SERVICE_NAME_LABEL];
      if (service && s.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY) this.controller.enqueue(`${s.metadata.namespace}/${service}`);
    };
    this.slices.on({ add: sliceChanged, update: (_, s) => sliceChanged(s), delete: sliceChanged });
  }

  start(): void {
    this.controller.start();
  }

  async stop(): Promise<void> {
    await this.controller.stop();
  }

  async reconcile(key: string): Promise<number | void> {
    const svc = this.services.get(key);
    if (!svc) {
      // The garbage collector deletes the slices of a service that went.
      this.written.forget(key);
      this.triggerTimes.forget(key);
      return;
    }
    if (!hasManagedEndpoints(svc)) return;
    // Slices of an earlier service of the same name are not ours to reuse: they go with it.
    const slices = this.slicesOf(svc.metadata.namespace!, svc.metadata.name!).filter((s) => s.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY && controllerOf(s)?.uid === svc.metadata.uid);
    if (this.written.behind(key, slices)) return CACHE_WAIT_MS;
    const pods = podsOf(svc, this.pods);
    const plan = planSlices(endpointGroups(svc, pods), slices);
    const labels = labelsFor(svc, { [SERVICE_NAME_LABEL]: svc.metadata.name!, [MANAGED_BY_LABEL]: MANAGED_BY });
    // Slices whose endpoints stay but whose labels are out of date are written too.
    const changing = new Set([...plan.update.map((s) => s.metadata.name), ...plan.delete]);
    for (const slice of slices) {
      if (!changing.has(slice.metadata.name) && !isDeepStrictEqual(slice.metadata.labels ?? {}, labels)) plan.update.push(slice);
    }
    const trigger = this.triggerTimes.compute(svc, pods);
    const annotations = (slice?: EndpointSlice) => {
      const all = { ...slice?.metadata.annotations };
      if (trigger) all[TRIGGER_TIME_ANNOTATION] = trigger;
      else delete all[TRIGGER_TIME_ANNOTATION];
      return all;
    };
    try {
      for (const { endpoints, ports } of plan.create) {
        const created = await this.client.create(svc.metadata.namespace, {
          apiVersion: 'discovery.k8s.io/v1',
          kind: 'EndpointSlice',
          metadata: { generateName: `${svc.metadata.name}-`, namespace: svc.metadata.namespace, labels, annotations: annotations(), ownerReferences: [controllerRef(svc, 'v1', 'Service')] },
          addressType: 'IPv4',
          endpoints,
          ...(ports?.length ? { ports } : {}),
        });
        this.written.record(key, created.metadata.name!, created.metadata.resourceVersion!);
      }
      for (const slice of plan.update) {
        const { ports, ...rest } = slice;
        const updated = await this.client.update(svc.metadata.namespace, {
          ...rest,
          metadata: { ...slice.metadata, labels, annotations: annotations(slice) },
          ...(ports?.length ? { ports } : {}),
        });
        this.written.record(key, updated.metadata.name!, updated.metadata.resourceVersion!);
      }
      for (const name of plan.delete) {
        await this.client.delete(svc.metadata.namespace, name).catch((err: unknown) => {
          if (!isNotFound(err)) throw err;
        });
        this.written.record(key, name, null);
      }
    } catch (err) {
      // Its namespace is going, and the service with it.
      if (isNamespaceTerminating(err)) return;
      // A conflict only means the cache was behind; the retry sees the newer slices.
      if (!isConflict(err)) {
        this.recorder.record(svc, 'Warning', 'FailedToUpdateEndpointSlices', `Error updating Endpoint Slices for Service ${key}: ${(err as Error).message}`);
      }
      throw err;
    }
  }
}
