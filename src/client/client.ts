// A typed-enough client over a Transport: one ResourceClient per
// group/version/resource, with upstream's URL layout and verbs.
import type { ListOptions } from '../apiserver/registry/generic-store.js';
import type { KubeObject } from '../apiserver/registry/types.js';
import { ApiError } from '../apiserver/status.js';
import type { Query, Transport, WatchStream } from './transport.js';

export interface ResourceRef {
  group: string;
  version: string;
  resource: string;
  namespaced: boolean;
}

export const ref = (group: string, version: string, resource: string, namespaced: boolean): ResourceRef => ({ group, version, resource, namespaced });

export const PODS = ref('', 'v1', 'pods', true);
export const NODES = ref('', 'v1', 'nodes', false);
export const NAMESPACES = ref('', 'v1', 'namespaces', false);
export const EVENTS = ref('', 'v1', 'events', true);
export const LEASES = ref('coordination.k8s.io', 'v1', 'leases', true);
export const CONFIGMAPS = ref('', 'v1', 'configmaps', true);
export const SECRETS = ref('', 'v1', 'secrets', true);
export const SERVICES = ref('', 'v1', 'services', true);
export const ENDPOINTS = ref('', 'v1', 'endpoints', true);
export const ENDPOINTSLICES = ref('discovery.k8s.io', 'v1', 'endpointslices', true);
export const SERVICEACCOUNTS = ref('', 'v1', 'serviceaccounts', true);
export const REPLICASETS = ref('apps', 'v1', 'replicasets', true);
export const DEPLOYMENTS = ref('apps', 'v1', 'deployments', true);
export const DAEMONSETS = ref('apps', 'v1', 'daemonsets', true);
export const STATEFULSETS = ref('apps', 'v1', 'statefulsets', true);
export const CONTROLLERREVISIONS = ref('apps', 'v1', 'controllerrevisions', true);
export const JOBS = ref('batch', 'v1', 'jobs', true);
export const CRONJOBS = ref('batch', 'v1', 'cronjobs', true);

export type { ListOptions };

export interface ObjectList<T extends KubeObject = KubeObject> {
  metadata: { resourceVersion: string; continue?: string };
  items: T[];
}

export const MERGE_PATCH = 'application/merge-patch+json';
export const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';
export const JSON_PATCH = 'application/json-patch+json';

export class ResourceClient<T extends KubeObject = KubeObject> {
  constructor(
    private readonly transport: Transport,
    readonly target: ResourceRef,
  ) {}

  private path(namespace: string | undefined, name?: string, subresource?: string): string {
    const base = this.target.group ? `/apis/${this.target.group}/${this.target.version}` : `/api/${this.target.version}`;
    const ns = this.target.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
    const tail = [name, subresource].filter((p): p is string => p !== undefined).map(encodeURIComponent);
    return [`${base}${ns}/${this.target.resource}`, ...tail].join('/');
  }

  async get(namespace: string | undefined, name: string): Promise<T> {
    return (await this.transport.request({ method: 'GET', path: this.path(namespace, name) })) as T;
  }

  /** The object, or undefined when it does not exist. */
  async find(namespace: string | undefined, name: string): Promise<T | undefined> {
    return this.get(namespace, name).catch((err: unknown) => {
      if (isNotFound(err)) return undefined;
      throw err;
    });
  }

  async list(namespace: string | undefined, options: ListOptions = {}): Promise<ObjectList<T>> {
    return (await this.transport.request({ method: 'GET', path: this.path(namespace), query: { ...options } })) as ObjectList<T>;
  }

  watch(namespace: string | undefined, options: ListOptions & { allowWatchBookmarks?: boolean; timeoutSeconds?: number }): WatchStream {
    return this.transport.watch(this.path(namespace), { ...options } as Query);
  }

  async create(namespace: string | undefined, obj: T): Promise<T> {
    return (await this.transport.request({ method: 'POST', path: this.path(namespace), body: obj })) as T;
  }

  /** POST to a subresource that acts on an object: pods/NAME/binding, pods/NAME/eviction. */
  async createSubresource(namespace: string | undefined, name: string, subresource: string, body: KubeObject): Promise<unknown> {
    return this.transport.request({ method: 'POST', path: this.path(namespace, name, subresource), body });
  }

  async update(namespace: string | undefined, obj: T, subresource?: string): Promise<T> {
    return (await this.transport.request({ method: 'PUT', path: this.path(namespace, obj.metadata.name, subresource), body: obj })) as T;
  }

  async patch(namespace: string | undefined, name: string, patch: unknown, type = MERGE_PATCH, subresource?: string): Promise<T> {
    return (await this.transport.request({
      method: 'PATCH',
      path: this.path(namespace, name, subresource),
      body: patch,
      contentType: type,
    })) as T;
  }

  async delete(
    namespace: string | undefined,
    name: string,
    options: { gracePeriodSeconds?: number; preconditions?: { uid?: string; resourceVersion?: string }; propagationPolicy?: 'Orphan' | 'Background' | 'Foreground' } = {},
  ): Promise<void> {
    await this.transport.request({ method: 'DELETE', path: this.path(namespace, name), body: options });
  }
}

export class ApiClient {
  constructor(readonly transport: Transport) {}

  resource<T extends KubeObject = KubeObject>(target: ResourceRef): ResourceClient<T> {
    return new ResourceClient<T>(this.transport, target);
  }
}

export const isNotFound = (err: unknown) => err instanceof ApiError && err.reason === 'NotFound';
export const isConflict = (err: unknown) => err instanceof ApiError && err.reason === 'Conflict';
export const isAlreadyExists = (err: unknown) => err instanceof ApiError && err.reason === 'AlreadyExists';
/** A create refused because its namespace is being deleted: nothing more will be made there. */
export const isNamespaceTerminating = (err: unknown) => err instanceof ApiError && Boolean(err.details?.causes?.some((c) => c.reason === 'NamespaceTerminating'));
