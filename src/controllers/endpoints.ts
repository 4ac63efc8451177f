// The endpoints controller: every Service with a selector has an Endpoints
// object of the same name listing its pods (endpoints-subsets.ts says what
// it holds); it goes when the service goes. Services without a selector are
// left alone (their Endpoints are their users'), and so are ExternalName ones.
import { isDeepStrictEqual } from 'node:util';
import type { Pod } from '../apiserver/registry/core/types.js';
import type { KubeObject } from '../apiserver/registry/types.js';
import { ENDPOINTS, isAlreadyExists, isConflict, isNamespaceTerminating, isNotFound, PODS, SERVICES, type ApiClient, type ResourceClient } from '../client/client.js';
import { keyOf, splitKey, type Informer } from '../client/informer.js';
import type { EventRecorder } from '../client/events.js';
import type { Informers } from '../client/informers.js';
import { Controller, type Reconciler } from './controller.js';
import { labelsFor, subsetsFor, type EndpointSubset } from './endpoints-subsets.js';
import { TriggerTimes } from './trigger-time.js';
import { hasManagedEndpoints, onServiceOrPodChange, indexByNamespace, podsOf, TRIGGER_TIME_ANNOTATION, type Service } from './service-pods.js';

type Endpoints = KubeObject & { subsets?: EndpointSubset[] };

/** A create that lost a race with the cache is looked at again this soon. */
const RETRY_MS = 100;

export class EndpointsController implements Reconciler {
  readonly name = 'endpoint-controller';
  private readonly controller: Controller;
  private readonly services: Informer<Service>;
  private readonly pods: Informer<Pod>;
  private readonly endpoints: Informer<Endpoints>;
  private readonly client: ResourceClient<Endpoints>;
  private readonly triggerTimes = new TriggerTimes();

  constructor(
    client: ApiClient,
    informers: Informers,
    private readonly recorder: EventRecorder,
    log: (message: string) => void = () => {},
  ) {
    this.client = client.resource<Endpoints>(ENDPOINTS);
    this.services = informers.for<Service>(SERVICES);
    this.pods = informers.for<Pod>(PODS);
    this.endpoints = informers.for<Endpoints>(ENDPOINTS);
    indexByNamespace(this.services);
    indexByNamespace(this.pods);
    this.controller = new Controller(this, { workers: 2, onError: log });
    const enqueue = (obj: KubeObject) => this.controller.enqueue(keyOf(obj));
    onServiceOrPodChange(this.services, this.pods, enqueue);
    // A managed Endpoints changed or deleted by someone else is put back; others' Endpoints are theirs.
    const managed = (ep: Endpoints) => {
      const svc = this.services.get(keyOf(ep));
      if (svc && hasManagedEndpoints(svc)) enqueue(ep);
    };
    this.endpoints.on({ update: (_, ep) => managed(ep), delete: managed });
  }

  start(): void {
    this.controller.start();
  }

  async stop(): Promise<void> {
    await this.controller.stop();
  }

  async reconcile(key: string): Promise<number | void> {
    const { namespace, name } = splitKey(key);
    const svc = this.services.get(key);
    const current = this.endpoints.get(key);
    if (!svc) {
      this.triggerTimes.forget(key);
      if (current) await this.client.delete(namespace, name).catch(ignoreNotFound);
      return;
    }
    if (!hasManagedEndpoints(svc)) return;
    const pods = podsOf(svc, this.pods);
    const subsets = subsetsFor(svc, pods);
    const labels = labelsFor(svc);
    // Computed on every sync: what this one saw is what the next one compares with.
    const trigger = this.triggerTimes.compute(svc, pods);
    if (current && isDeepStrictEqual(current.subsets ?? [], subsets) && isDeepStrictEqual(current.metadata.labels ?? {}, labels)) return;
    const annotations = { ...current?.metadata.annotations };
    if (trigger) annotations[TRIGGER_TIME_ANNOTATION] = trigger;
    else delete annotations[TRIGGER_TIME_ANNOTATION];
    const desired: Endpoints = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      // Empty maps and lists are left out, as Go's omitempty writes them.
      metadata: { ...current?.metadata, name, namespace, labels: nonEmpty(labels), annotations: nonEmpty(annotations) },
      ...(subsets.length ? { subsets } : {}),
    };
    try {
      await (current ? this.client.update(namespace, desired) : this.client.create(namespace, desired));
    } catch (err) {
      // Made already and not yet in the cache: look again once it is.
      if (isAlreadyExists(err)) return RETRY_MS;
      // Its namespace is going, and the service with it.
      if (isNamespaceTerminating(err)) return;
      // A conflict only means the cache was behind; the retry sees the newer version.
      if (!isConflict(err)) {
        const [reason, message] = current ? ['FailedToUpdateEndpoint', 'Failed to update endpoint'] : ['FailedToCreateEndpoint', 'Failed to create endpoint for service'];
        this.recorder.record(desired, 'Warning', reason, `${message} ${key}: ${(err as Error).message}`);
      }
      throw err;
    }
  }
}

const nonEmpty = (map: Record<string, string>) => (Object.keys(map).length ? map : undefined);

function ignoreNotFound(err: unknown): void {
  if (!isNotFound(err)) throw err;
}
